package dev.runway.provisioning.driver;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.provisioning.config.ProvisioningConfig;

/**
 * MariaDB: a database, a user and privileges on that database only. The password is sent as its
 * mysql_native_password hash ({@code IDENTIFIED BY PASSWORD}), so the cleartext never reaches SQL text.
 */
@ApplicationScoped
public class MariadbDriver implements DatabaseDriver {
    static final String ENGINE = "mariadb";
    static final int STANDARD_PORT = 3306;
    private final ProvisioningConfig.Mariadb config;
    private final JdbcServer server;

    public MariadbDriver(ProvisioningConfig config) {
        this.config = config.mariadb();
        this.server = new JdbcServer(ENGINE, "MariaDB", this.config, STANDARD_PORT);
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
        jdbc().run("create user", c -> {
            boolean exists = AdminJdbc.exists(c, "SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?", spec.name(),
                    config.userHost());
            AdminJdbc.execute(c, (exists ? "ALTER" : "CREATE") + " USER " + account(spec) + " IDENTIFIED BY PASSWORD '"
                    + nativeHash(password) + "' WITH MAX_USER_CONNECTIONS " + spec.connectionLimit());
        });
    }

    @Override
    public void ensureDatabase(DatabaseSpec spec) {
        jdbc().run("create database", c -> AdminJdbc.execute(c, "CREATE DATABASE IF NOT EXISTS `" + spec.name() + "`"));
    }

    @Override
    public void ensureGrants(DatabaseSpec spec) {
        jdbc().run("grant privileges", c -> AdminJdbc.execute(c, "GRANT ALL PRIVILEGES ON `" + spec.name() + "`.* TO " + account(spec)));
    }

    @Override
    public void setPassword(DatabaseSpec spec, char[] password) {
        jdbc().run("set password", c -> AdminJdbc.execute(c, "ALTER USER " + account(spec) + " IDENTIFIED BY PASSWORD '"
                + nativeHash(password) + "'"));
    }

    @Override
    public void dropDatabase(DatabaseSpec spec) {
        jdbc().run("drop database", c -> AdminJdbc.execute(c, "DROP DATABASE IF EXISTS `" + spec.name() + "`"));
    }

    @Override
    public void dropAccount(DatabaseSpec spec) {
        jdbc().run("drop user", c -> AdminJdbc.execute(c, "DROP USER IF EXISTS " + account(spec)));
    }

    @Override
    public ConnectionInfo connectionInfo(DatabaseSpec spec) {
        return server.connectionInfo(spec);
    }

    private AdminJdbc jdbc() {
        return server.jdbc();
    }

    private String account(DatabaseSpec spec) {
        return "'" + spec.name() + "'@'" + config.userHost().replace("'", "") + "'";
    }

    /** mysql_native_password: '*' + upper-case hex of SHA1(SHA1(password)). */
    static String nativeHash(char[] password) {
        try {
            byte[] stage1 = MessageDigest.getInstance("SHA-1").digest(utf8(password));
            return "*" + HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(stage1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(char[] password) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
