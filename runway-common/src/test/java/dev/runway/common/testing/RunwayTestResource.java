package dev.runway.common.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What every service test needs and a fresh machine does not have: a real PostgreSQL (an embedded
 * server from Maven Central, started once per test JVM on a free port) holding the service's database,
 * and OIDC configured to trust the test signing key of {@link TestTokens}.
 * Init arg {@code database}: the service's database name.
 */
public class RunwayTestResource implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedPostgres postgres;
    private String database = "runway_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        try {
            synchronized (RunwayTestResource.class) {
                if (postgres == null) {
                    postgres = builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(RunwayTestResource::stopQuietly));
                }
            }
            createDatabase();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL for tests", e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", database));
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.oidc.public-key", TestTokens.publicKeyBase64());
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        return config;
    }

    /**
     * The embedded library's defaults are test defaults (fsync off, asynchronous commit), which keep the suite quick.
     * A benchmark run with {@code -Drunway.test.postgres.durable=true} gets the server the platform runs: fsync,
     * synchronous commit and full page writes on, so that it measures what a durable commit costs.
     */
    static EmbeddedPostgres.Builder builder() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (Boolean.getBoolean("runway.test.postgres.durable")) {
            // zonky passes -F (fsync off) before the -c settings, so a later fsync=on wins
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        return builder;
    }

    /** The server's durability settings as it reports them, for a benchmark's report. */
    public static String durability() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(name || '=' || setting, ', ' ORDER BY name)"
                     + " FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the embedded PostgreSQL's settings", e);
        }
    }

    /** JDBC URL of the test database, for tests that inspect tables directly (as a superuser). */
    public static String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    private void createDatabase() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE \"" + database + "\"");
        }
    }

    @Override
    public void stop() {
        // The server outlives a single test class: later classes of the same JVM reuse it.
    }

    private static void stopQuietly() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception ignored) {
            // JVM shutdown: nothing left to report to.
        }
    }
}
