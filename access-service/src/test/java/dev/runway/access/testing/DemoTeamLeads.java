package dev.runway.access.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import dev.runway.common.testing.RunwayTestResource;

/**
 * The demo realm's team leads (bob leads payments, frank leads search), which no migration creates: the demo seeds
 * them through the API (deploy/demo/seed-leads.sh), tests that rely on them with {@link #seed()}.
 */
public final class DemoTeamLeads {

    private DemoTeamLeads() {
    }

    /** Makes bob and frank leads, if they are not already; as the database superuser, like the tests' other setup. */
    public static void seed() {
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_access"), "postgres", "");
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO team_lead (team, username, created_at, created_by) VALUES "
                    + "('payments', 'bob', now(), 'test-setup'), ('search', 'frank', now(), 'test-setup') "
                    + "ON CONFLICT (team, username) DO NOTHING");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the demo team leads", e);
        }
    }
}
