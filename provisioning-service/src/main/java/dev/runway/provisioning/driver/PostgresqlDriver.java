package dev.runway.provisioning.driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.util.PasswordUtil;

import dev.runway.provisioning.config.ProvisioningConfig;

/**
 * PostgreSQL: a LOGIN role and a database owned by it, CONNECT revoked from PUBLIC. The password reaches the
 * server only as a SCRAM-SHA-256 verifier computed here. CREATE DATABASE cannot run in a transaction and has
 * no IF NOT EXISTS, so each step runs in autocommit after checking the catalog.
 * <p>
 * The admin role need not be a superuser: LOGIN CREATEDB CREATEROLE is enough. Since PostgreSQL 16 a CREATEROLE
 * role gets only ADMIN OPTION on the roles it creates (SET and INHERIT follow {@code createrole_self_grant}, empty
 * by default), yet {@code CREATE DATABASE ... OWNER r} needs SET ROLE r, and revoking from PUBLIC or dropping the
 * database needs the owner's privileges. So the driver grants each role it creates to itself WITH INHERIT, SET
 * (one statement, whatever the server's settings), and skips that for a superuser, who needs no membership.
 */
@ApplicationScoped
public class PostgresqlDriver implements DatabaseDriver {
    static final String ENGINE = "postgresql";
    static final int STANDARD_PORT = 5432;
    private final JdbcServer server;

    public PostgresqlDriver(ProvisioningConfig config) {
        this.server = new JdbcServer(ENGINE, "PostgreSQL", config.postgresql(), STANDARD_PORT);
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public boolean configured() {
        return server.configured();
    }

    @Override
    public void ensureAccount(DatabaseSpec spec, char[] password) {
        jdbc().run("create role", c -> {
            boolean exists = AdminJdbc.exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", spec.name());
            boolean superuser = superuser(c);
            // Only a superuser may name SUPERUSER in ALTER ROLE, even as NOSUPERUSER; any other admin can alter only
            // roles it administers, which it created NOSUPERUSER. NOCREATEDB and NOCREATEROLE: the admin has both.
            AdminJdbc.execute(c, (exists ? "ALTER" : "CREATE") + " ROLE " + spec.quoted() + " WITH LOGIN "
                    + (superuser || !exists ? "NOSUPERUSER " : "") + "NOCREATEDB NOCREATEROLE CONNECTION LIMIT "
                    + spec.connectionLimit() + " PASSWORD " + verifier(password));
            if (!superuser) {
                AdminJdbc.execute(c, "GRANT " + spec.quoted() + " TO CURRENT_USER"
                        + (c.getMetaData().getDatabaseMajorVersion() >= 16 ? " WITH INHERIT TRUE, SET TRUE" : ""));
            }
        });
    }

    @Override
    public void ensureDatabase(DatabaseSpec spec) {
        jdbc().run("create database", c -> {
            if (!AdminJdbc.exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", spec.name())) {
                AdminJdbc.execute(c, "CREATE DATABASE " + spec.quoted() + " OWNER " + spec.quoted());
            } else {
                AdminJdbc.execute(c, "ALTER DATABASE " + spec.quoted() + " OWNER TO " + spec.quoted());
            }
        });
    }

    @Override
    public void ensureGrants(DatabaseSpec spec) {
        jdbc().run("restrict connections", c -> {
            AdminJdbc.execute(c, "REVOKE CONNECT, TEMPORARY ON DATABASE " + spec.quoted() + " FROM PUBLIC");
            AdminJdbc.execute(c, "GRANT CONNECT, TEMPORARY ON DATABASE " + spec.quoted() + " TO " + spec.quoted());
        });
    }

    @Override
    public Optional<String> drift(DatabaseSpec spec) {
        String[] found = new String[1];
        jdbc().run("check ownership and grants", c -> {
            if (!AdminJdbc.exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", spec.name())) {
                found[0] = "the database is missing";
            } else if (!AdminJdbc.exists(c, "SELECT 1 FROM pg_database WHERE datname = ? "
                    + "AND pg_get_userbyid(datdba) = datname", spec.name())) {
                found[0] = "the database is owned by another role";
            } else if (AdminJdbc.exists(c, "SELECT 1 FROM pg_database WHERE datname = ? AND (has_database_privilege("
                    + "'public', datname, 'CONNECT') OR has_database_privilege('public', datname, 'TEMPORARY'))",
                    spec.name())) {
                found[0] = "PUBLIC may connect to the database";
            }
        });
        return Optional.ofNullable(found[0]);
    }

    @Override
    public void setPassword(DatabaseSpec spec, char[] password) {
        jdbc().run("set password", c -> AdminJdbc.execute(c, "ALTER ROLE " + spec.quoted() + " PASSWORD " + verifier(password)));
    }

    @Override
    public void dropDatabase(DatabaseSpec spec) {
        jdbc().run("drop database", c -> {
            if (AdminJdbc.exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", spec.name())) {
                AdminJdbc.execute(c, "DROP DATABASE " + spec.quoted() + " WITH (FORCE)");
            }
        });
    }

    @Override
    public void dropAccount(DatabaseSpec spec) {
        jdbc().run("drop role", c -> {
            if (AdminJdbc.exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", spec.name())) {
                AdminJdbc.execute(c, "DROP ROLE " + spec.quoted());
            }
        });
    }

    @Override
    public ConnectionInfo connectionInfo(DatabaseSpec spec) {
        return server.connectionInfo(spec);
    }

    private AdminJdbc jdbc() {
        return server.jdbc();
    }

    private static boolean superuser(Connection c) throws SQLException {
        return AdminJdbc.exists(c, "SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper");
    }

    /** A SCRAM-SHA-256 verifier as an SQL literal; it holds only base64, '$' and ':' characters. */
    private static String verifier(char[] password) {
        return "'" + PasswordUtil.encodeScramSha256(password) + "'";
    }
}
