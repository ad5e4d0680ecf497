package dev.runway.provisioning.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The MariaDB server the driver provisions into: Debian's {@code mariadbd} (package mariadb-server), started once
 * per test JVM by {@link LocalServer}. Its only TCP account is the provisioning admin, with a password and the
 * privileges the driver needs, created by the server's {@code --init-file} at start; root stays on its unix socket.
 */
public class TargetMariadbResource implements QuarkusTestResourceLifecycleManager {
    static final String ADMIN = "runway_provisioner";
    /**
     * What the driver needs: to create and drop users, and to create, drop and grant everything on the databases it
     * makes, which needs each of a database's privileges WITH GRANT OPTION (no SUPER, FILE, SHUTDOWN, ...).
     */
    private static final String ADMIN_PRIVILEGES = "CREATE USER, SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, REFERENCES, "
            + "INDEX, ALTER, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, "
            + "ALTER ROUTINE, EVENT, TRIGGER, DELETE HISTORY";
    private static LocalServer server;
    private static String password;

    @Override
    public Map<String, String> start() {
        synchronized (TargetMariadbResource.class) {
            if (server == null) {
                String mariadbd = LocalServer.binary("/usr/sbin/mariadbd", "mariadb-server");
                String installDb = LocalServer.binary("/usr/bin/mariadb-install-db", "mariadb-server");
                LocalServer s = LocalServer.prepare("mariadb");
                Path data = s.directory().resolve("data");
                String user = System.getProperty("user.name");
                s.run("install-db", List.of(installDb, "--no-defaults", "--datadir=" + data, "--user=" + user,
                        "--skip-test-db", "--skip-name-resolve"));
                String secret = LocalServer.randomSecret();
                Path init = s.directory().resolve("init.sql");
                try {
                    Files.writeString(init, "CREATE OR REPLACE USER '" + ADMIN + "'@'127.0.0.1' IDENTIFIED BY '" + secret
                            + "';\nGRANT " + ADMIN_PRIVILEGES + " ON *.* TO '" + ADMIN + "'@'127.0.0.1' WITH GRANT OPTION;\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                s.start(List.of(mariadbd, "--no-defaults", "--datadir=" + data, "--port=" + s.port(),
                        "--bind-address=127.0.0.1", "--socket=" + s.directory().resolve("mysqld.sock"),
                        "--pid-file=" + s.directory().resolve("mysqld.pid"), "--user=" + user, "--skip-name-resolve",
                        "--skip-log-bin", "--innodb-buffer-pool-size=32M", "--init-file=" + init));
                password = secret;
                server = s;
            }
        }
        return Map.of("runway.provisioning.mariadb.admin-url", "jdbc:mariadb://127.0.0.1:" + server.port() + "/",
                "runway.provisioning.mariadb.admin-user", ADMIN,
                "runway.provisioning.mariadb.admin-password", password);
    }

    public static int port() {
        return server.port();
    }

    /** A session as the provisioning admin, for tests that inspect the server. */
    public static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/", ADMIN, password);
    }

    @Override
    public void stop() {
        // Shared by the test classes of this JVM; stopped at exit.
    }
}
