package dev.runway.provisioning.driver;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.provisioning.config.ProvisioningConfig;

/**
 * MariaDB: a database, a user and privileges on that database only. The password is sent as its
 * mysql_native_password hash ({@code IDENTIFIED BY PASSWORD}), so the cleartext never reaches SQL text.
 */
@ApplicationScoped
public class MariadbDriver implements DatabaseDriver {
    private final ProvisioningConfig.Mariadb config;

    public MariadbDriver(ProvisioningConfig config) {
        this.config = config.mariadb();
    }

    @Override
    public String engine() {
        return "mariadb";
    }

    @Override
    public void ensureAccount(DatabaseSpec spec, char[] password) {
        run("create user", c -> {
            boolean exists;
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?")) {
                s.setString(1, spec.name());
                s.setString(2, config.userHost());
                try (ResultSet rs = s.executeQuery()) {
                    exists = rs.next();
                }
            }
            execute(c, (exists ? "ALTER" : "CREATE") + " USER " + account(spec) + " IDENTIFIED BY PASSWORD '"
                    + nativeHash(password) + "' WITH MAX_USER_CONNECTIONS " + spec.connectionLimit());
        });
    }

    @Override
    public void ensureDatabase(DatabaseSpec spec) {
        run("create database", c -> execute(c, "CREATE DATABASE IF NOT EXISTS `" + spec.name() + "`"));
    }

    @Override
    public void ensureGrants(DatabaseSpec spec) {
        run("grant privileges", c -> execute(c, "GRANT ALL PRIVILEGES ON `" + spec.name() + "`.* TO " + account(spec)));
    }

    @Override
    public void setPassword(DatabaseSpec spec, char[] password) {
        run("set password", c -> execute(c, "ALTER USER " + account(spec) + " IDENTIFIED BY PASSWORD '"
                + nativeHash(password) + "'"));
    }

    @Override
    public void dropDatabase(DatabaseSpec spec) {
        run("drop database", c -> execute(c, "DROP DATABASE IF EXISTS `" + spec.name() + "`"));
    }

    @Override
    public void dropAccount(DatabaseSpec spec) {
        run("drop user", c -> execute(c, "DROP USER IF EXISTS " + account(spec)));
    }

    @Override
    public ConnectionInfo connectionInfo(DatabaseSpec spec) {
        return new ConnectionInfo(config.host(), config.port(), spec.name(), spec.name());
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

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void run(String what, Work work) {
        Properties props = new Properties();
        props.setProperty("user", config.adminUser());
        config.adminPassword().ifPresent(p -> props.setProperty("password", p));
        try (Connection c = DriverManager.getConnection(config.adminUrl(), props)) {
            work.run(c);
        } catch (SQLException e) {
            throw SqlFailures.translate("MariaDB", what, e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
