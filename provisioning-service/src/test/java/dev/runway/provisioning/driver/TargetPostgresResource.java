package dev.runway.provisioning.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server the driver provisions into: an embedded one (present on any machine, data in a folder of
 * {@code target/test-servers/}, see {@link LocalServer}) logging every statement to a file, so a test can prove that no generated password
 * reaches the server's log. It is set up as a production server is: the driver connects as {@value #ADMIN}, a role
 * with LOGIN CREATEDB CREATEROLE and a password but not SUPERUSER, and every TCP login needs its password
 * (scram-sha-256), so a test that logs in with a generated password proves that password. The superuser
 * {@code postgres} has a password too, for tests that inspect the server.
 */
public class TargetPostgresResource implements QuarkusTestResourceLifecycleManager {
    static final String ADMIN = "runway_provisioner";
    private static EmbeddedPostgres server;
    private static Path logDirectory;
    private static String superuserPassword;
    private static String adminPassword;

    @Override
    public synchronized Map<String, String> start() {
        synchronized (TargetPostgresResource.class) {
            if (server == null) {
                try {
                    startServer();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the target PostgreSQL", e);
                }
            }
        }
        return Map.of("runway.provisioning.postgresql.admin-url", "jdbc:postgresql://localhost:" + server.getPort() + "/postgres",
                "runway.provisioning.postgresql.admin-user", ADMIN,
                "runway.provisioning.postgresql.admin-password", adminPassword);
    }

    private static void startServer() throws Exception {
        Path directory = LocalServer.freshDirectory("target-postgresql");
        logDirectory = directory.resolve("log");
        Files.createDirectories(logDirectory);
        String superuserSecret = LocalServer.randomSecret();
        String adminSecret = LocalServer.randomSecret();
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("data"))
                .setServerConfig("log_statement", "all")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", logDirectory.toString())
                .setServerConfig("log_filename", "postgresql.log")
                .setServerConfig("password_encryption", "scram-sha-256")
                // Ignored while initdb's trust rules apply; what zonky's own sessions log in with after the switch.
                .setConnectConfig("password", superuserSecret)
                .start();
        LocalServer.recordProcess(directory, pg.getProcess().pid());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception ignored) {
                // JVM shutdown: nothing left to report to.
            }
            LocalServer.deleteDirectory(directory);
        }));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // Passwords as SQL literals here only: these are the test's own accounts, not generated credentials.
            s.execute("ALTER ROLE postgres PASSWORD '" + superuserSecret + "'");
            s.execute("CREATE ROLE " + ADMIN + " LOGIN CREATEDB CREATEROLE PASSWORD '" + adminSecret + "'");
            // initdb trusts every local login; from now on TCP needs a password, and there is no unix-socket rule.
            Path hba = Path.of(query(c, "SHOW hba_file"));
            Files.writeString(hba, "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n");
            s.execute("SELECT pg_reload_conf()");
        }
        superuserPassword = superuserSecret;
        adminPassword = adminSecret;
        server = pg;
    }

    /** A session of the superuser {@code postgres} on the given database, for tests that inspect the server. */
    public static Connection superuser(String database) throws SQLException {
        return connect(database, "postgres", superuserPassword);
    }

    /** A session of any role, as an application logs in: over TCP, with the password. */
    public static Connection connect(String database, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.getPort() + "/" + database, props);
    }

    public static Path logFile() {
        return logDirectory.resolve("postgresql.log");
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void stop() {
        // Shared by the test classes of this JVM; stopped at exit.
    }
}
