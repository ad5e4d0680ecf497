package dev.runway.access.rest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;

/** The demo realm's people as signed test tokens, and direct (superuser) SQL for arranging and checking state. */
final class Callers {
    static final String DATABASE = "runway_access";

    private Callers() {
    }

    static String alice() {
        return TestTokens.user("alice", List.of("payments"), "developer");
    }

    static String bob() {
        return TestTokens.user("bob", List.of("payments"), "developer");
    }

    static String carol() {
        return TestTokens.user("carol", List.of("search"), "developer");
    }

    static String frank() {
        return TestTokens.user("frank", List.of("search"), "developer");
    }

    static String dave() {
        return TestTokens.user("dave", List.of(), "platform-admin");
    }

    static String erin() {
        return TestTokens.user("erin", List.of(), "auditor");
    }

    static int update(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(RunwayTestResource.jdbcUrl(DATABASE), "postgres", "");
    }
}
