package dev.runway.provisioning.driver;

import java.util.Optional;

import dev.runway.provisioning.config.ProvisioningConfig;

/**
 * What the drivers of SQL servers share: the administrative JDBC access, when a server is configured, and where
 * applications reach it.
 */
final class JdbcServer {
    private final String engine;
    private final Optional<AdminJdbc> jdbc;
    private final Optional<ServerAddress> address;

    /**
     * @param engine  the template id ({@code postgresql}), as in the settings' names
     * @param product the server's name in error messages ({@code PostgreSQL})
     */
    JdbcServer(String engine, String product, ProvisioningConfig.Server server, int standardPort) {
        this.engine = engine;
        this.jdbc = server.adminUrl().map(url -> new AdminJdbc(product, url, server.adminUser(),
                server.adminPassword()));
        this.address = server.adminUrl().map(url -> ServerAddress.of(engine, url, server.host(), server.port(),
                standardPort));
    }

    boolean configured() {
        return jdbc.isPresent();
    }

    /** The administrative access; fails as the engine having no server when none is configured. */
    AdminJdbc jdbc() {
        return jdbc.orElseThrow(() -> DatabaseDriver.noServerFailure(engine));
    }

    /** A database's coordinates for its application: the account and the database are both named after it. */
    ConnectionInfo connectionInfo(DatabaseSpec spec) {
        ServerAddress a = address.orElseThrow(() -> DatabaseDriver.noServerFailure(engine));
        return new ConnectionInfo(a.host(), a.port(), spec.name(), spec.name());
    }
}
