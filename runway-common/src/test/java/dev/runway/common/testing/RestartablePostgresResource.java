package dev.runway.common.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL of its own for fault tests, which stop and start it under load: the shared server of
 * {@link RunwayTestResource} must never go down under other test classes. Apply it with
 * {@code @WithTestResource} (restricted to the annotated class, so Quarkus boots a separate application for it);
 * its {@link #order()} makes its datasource settings win over the shared resource's when both apply.
 * The server keeps its data directory and port across {@link #stopServer()} and {@link #startServer()}, as a
 * real restart does: what was committed before the stop must be there after the start.
 * Init arg {@code database}: the service's database name.
 */
public class RestartablePostgresResource implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedPostgres server;
    private static Path dataDirectory;
    private static int port;
    private String database = "runway_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Map<String, String> start() {
        try {
            synchronized (RestartablePostgresResource.class) {
                dataDirectory = Files.createTempDirectory("runway-restartable-pg");
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                startServer();
                try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + database + "\"");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the restartable PostgreSQL for fault tests", e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.oidc.public-key", TestTokens.publicKeyBase64());
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        return config;
    }

    /** Stops the server the way an operator's restart does (pg_ctl stop -m fast): open sessions are cut. */
    public static synchronized void stopServer() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop the restartable PostgreSQL", e);
        }
        server = null;
    }

    /** Starts the server again on the same data directory and port; returns once it accepts connections. */
    public static synchronized void startServer() {
        if (server != null) {
            return;
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the restartable PostgreSQL", e);
        }
    }

    /** JDBC URL of a database on this server, for tests that inspect tables directly (as a superuser). */
    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public void stop() {
        stopServer();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is not worth failing the build for.
        }
    }
}
