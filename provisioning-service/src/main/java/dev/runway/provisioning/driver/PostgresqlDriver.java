package dev.runway.provisioning.driver;


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
    private final AdminJdbc jdbc;

    public PostgresqlDriver(ProvisioningConfig config) {
        this.config = config.postgresql();
        this.jdbc = new AdminJdbc("PostgreSQL", this.config.adminUrl(), this.config.adminUser(), this.config.adminPassword());
    }

    @Override
    public String engine() {
        return "postgresql";
    }

    @Override
    public void ensureAccount(DatabaseSpec spec, char[] password) {
        jdbc.run("create role", c -> {
            String verb = AdminJdbc.exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", spec.name()) ? "ALTER" : "CREATE";
            AdminJdbc.execute(c, verb + " ROLE " + spec.quoted() + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                    + "CONNECTION LIMIT " + spec.connectionLimit() + " PASSWORD " + verifier(password));
        });
    }

    @Override
    public void ensureDatabase(DatabaseSpec spec) {
        jdbc.run("create database", c -> {
            if (!AdminJdbc.exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", spec.name())) {
                AdminJdbc.execute(c, "CREATE DATABASE " + spec.quoted() + " OWNER " + spec.quoted());
            } else {
                AdminJdbc.execute(c, "ALTER DATABASE " + spec.quoted() + " OWNER TO " + spec.quoted());
            }
        });
    }

    @Override
    public void ensureGrants(DatabaseSpec spec) {
        jdbc.run("restrict connections", c -> {
            AdminJdbc.execute(c, "REVOKE CONNECT, TEMPORARY ON DATABASE " + spec.quoted() + " FROM PUBLIC");
            AdminJdbc.execute(c, "GRANT CONNECT, TEMPORARY ON DATABASE " + spec.quoted() + " TO " + spec.quoted());
        });
    }

    @Override
    public void setPassword(DatabaseSpec spec, char[] password) {
        jdbc.run("set password", c -> AdminJdbc.execute(c, "ALTER ROLE " + spec.quoted() + " PASSWORD " + verifier(password)));
    }

    @Override
    public void dropDatabase(DatabaseSpec spec) {
        jdbc.run("drop database", c -> {
            if (AdminJdbc.exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", spec.name())) {
                AdminJdbc.execute(c, "DROP DATABASE " + spec.quoted() + " WITH (FORCE)");
            }
        });
    }

    @Override
    public void dropAccount(DatabaseSpec spec) {
        jdbc.run("drop role", c -> {
            if (AdminJdbc.exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", spec.name())) {
                AdminJdbc.execute(c, "DROP ROLE " + spec.quoted());
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
}
