package dev.runway.launcher.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    static final List<String> DATABASES = List.of("runway_catalog", "runway_provisioning", "runway_access");

    @TempDir
    Path dataDirectory;

    @Test
    void createsTheDatabasesAndKeepsTheDataAcrossRestarts() throws Exception {
        int port = freePort();
        try (LocalPostgres postgres = LocalPostgres.start(dataDirectory, port, DATABASES)) {
            assertEquals(DATABASES, existing(postgres, DATABASES));
            assertEquals("127.0.0.1", query(postgres, "postgres", "SHOW listen_addresses"));
            try (Connection connection = connect(postgres, "runway_catalog");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (name text)");
                statement.execute("INSERT INTO kept VALUES ('survives a restart')");
            }
        }

        // a second start on the same directory, with one more database, reuses what the first created
        List<String> more = new ArrayList<>(DATABASES);
        more.add("runway_extra");
        try (LocalPostgres postgres = LocalPostgres.start(dataDirectory, port, more)) {
            assertEquals(more, existing(postgres, more));
            assertEquals("survives a restart", query(postgres, "runway_catalog", "SELECT name FROM kept"));
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2", "postgres", ""));
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
        for (String name : List.of("", "Catalog", "runway-catalog", "1db", "a\"; DROP DATABASE postgres; --")) {
            assertThrows(IllegalArgumentException.class, () -> LocalPostgres.requireValidDatabaseName(name), name);
        }
        LocalPostgres.requireValidDatabaseName("runway_catalog");
    }

    private static List<String> existing(LocalPostgres postgres, List<String> wanted) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = connect(postgres, "postgres");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        assertTrue(found.containsAll(wanted), found::toString);
        return wanted.stream().filter(found::contains).toList();
    }

    private static String query(LocalPostgres postgres, String database, String sql) throws SQLException {
        try (Connection connection = connect(postgres, database);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            assertTrue(row.next());
            return row.getString(1);
        }
    }

    private static Connection connect(LocalPostgres postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), LocalPostgres.SUPERUSER, "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
