package dev.runway.provisioning.driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * One administrative JDBC session per provisioning step, in autocommit (CREATE DATABASE cannot run in a
 * transaction), with SQL errors translated once at the driver boundary.
 */
final class AdminJdbc {
    interface Work {
        void run(Connection c) throws SQLException;
    }

    private final String engine;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;

    /** {@code user} unset: the one the URL names, if any. */
    AdminJdbc(String engine, String url, Optional<String> user, Optional<String> password) {
        this.engine = engine;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void run(String what, Work work) {
        Properties props = new Properties();
        user.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        try (Connection c = DriverManager.getConnection(url, props)) {
            c.setAutoCommit(true);
            work.run(c);
        } catch (SQLException e) {
            throw SqlFailures.translate(engine, what, e);
        }
    }

    /** True when the query, with the given bind values, returns a row: the check before each create or drop. */
    static boolean exists(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
