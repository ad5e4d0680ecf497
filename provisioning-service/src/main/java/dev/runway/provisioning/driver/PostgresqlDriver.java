package dev.runway.provisioning.driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.util.PasswordUtil;

import dev.runway.provisioning.config.ProvisioningConfig;

/**
 * PostgreSQL: a LOGIN role and a database owned by it, CONNECT revoked from PUBLIC. The password reaches the
 * server only as a SCRAM-SHA-256 verifier computed here. CREATE DATABASE cannot run in a transaction and has
 * no IF NOT EXISTS, so each step runs in autocommit after checking the catalog.
 */
@ApplicationScoped
public class PostgresqlDriver implements DatabaseDriver {
    private final ProvisioningConfig.Postgresql config;

    public PostgresqlDriver(ProvisioningConfig config) {
        this.config = config.postgresql();
    }

    @Override
    public String engine() {
        return "postgresql";
    }

    @Override
    public void ensureAccount(DatabaseSpec spec, char[] password) {
        run("create role", c -> {
            String verb = exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", spec.name()) ? "ALTER" : "CREATE";
            execute(c, verb + " ROLE " + spec.quoted() + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                    + "CONNECTION LIMIT " + spec.connectionLimit() + " PASSWORD " + verifier(password));
        });
    }

    @Override
    public void ensureDatabase(DatabaseSpec spec) {
        run("create database", c -> {
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", spec.name())) {
                execute(c, "CREATE DATABASE " + spec.quoted() + " OWNER " + spec.quoted());
            } else {
                execute(c, "ALTER DATABASE " + spec.quoted() + " OWNER TO " + spec.quoted());
            }
        });
    }

    @Override
    public void ensureGrants(DatabaseSpec spec) {
        run("restrict connections", c -> {
            execute(c, "REVOKE CONNECT, TEMPORARY ON DATABASE " + spec.quoted() + " FROM PUBLIC");
            execute(c, "GRANT CONNECT, TEMPORARY ON DATABASE " + spec.quoted() + " TO " + spec.quoted());
        });
    }

    @Override
    public void setPassword(DatabaseSpec spec, char[] password) {
        run("set password", c -> execute(c, "ALTER ROLE " + spec.quoted() + " PASSWORD " + verifier(password)));
    }

    @Override
    public void dropDatabase(DatabaseSpec spec) {
        run("drop database", c -> {
            if (exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", spec.name())) {
                execute(c, "DROP DATABASE " + spec.quoted() + " WITH (FORCE)");
            }
        });
    }

    @Override
    public void dropAccount(DatabaseSpec spec) {
        run("drop role", c -> {
            if (exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", spec.name())) {
                execute(c, "DROP ROLE " + spec.quoted());
            }
        });
    }

    @Override
    public ConnectionInfo connectionInfo(DatabaseSpec spec) {
        return new ConnectionInfo(config.host(), config.port(), spec.name(), spec.name());
    }

    /** A SCRAM-SHA-256 verifier as an SQL literal; it holds only base64, '$' and ':' characters. */
    private static String verifier(char[] password) {
        return "'" + PasswordUtil.encodeScramSha256(password) + "'";
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void run(String what, Work work) {
        Properties props = new Properties();
        props.setProperty("user", config.adminUser());
        config.adminPassword().ifPresent(p -> props.setProperty("password", p));
        try (Connection c = DriverManager.getConnection(config.adminUrl(), props)) {
            c.setAutoCommit(true);
            work.run(c);
        } catch (SQLException e) {
            throw SqlFailures.translate("PostgreSQL", what, e);
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
