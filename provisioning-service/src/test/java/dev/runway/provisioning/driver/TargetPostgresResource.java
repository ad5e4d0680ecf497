package dev.runway.provisioning.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server the driver provisions into: an embedded one (present on any machine) logging every
 * statement to a file, so a test can prove that no generated password reaches the server's log.
 */
public class TargetPostgresResource implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedPostgres server;
    private static Path logDirectory;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (server == null) {
                logDirectory = Files.createTempDirectory("runway-target-pg-log");
                server = EmbeddedPostgres.builder()
                        .setServerConfig("log_statement", "all")
                        .setServerConfig("logging_collector", "on")
                        .setServerConfig("log_directory", logDirectory.toString())
                        .setServerConfig("log_filename", "postgresql.log")
                        .setServerConfig("password_encryption", "scram-sha-256")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (Exception ignored) {
                        // JVM shutdown: nothing left to report to.
                    }
                }));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the target PostgreSQL", e);
        }
        return Map.of("runway.provisioning.postgresql.admin-url", server.getJdbcUrl("postgres", "postgres"),
                "runway.provisioning.postgresql.admin-user", "postgres",
                "runway.provisioning.postgresql.port", Integer.toString(server.getPort()));
    }

    public static String jdbcUrl(String database) {
        return server.getJdbcUrl("postgres", database);
    }

    public static Path logFile() {
        return logDirectory.resolve("postgresql.log");
    }

    @Override
    public void stop() {
        // Shared by the test classes of this JVM; stopped at exit.
    }
}
