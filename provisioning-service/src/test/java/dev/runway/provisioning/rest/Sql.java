package dev.runway.provisioning.rest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.UUID;

import dev.runway.common.testing.RunwayTestResource;

/** Direct access to the service's tables, for making time pass in tests. */
public final class Sql {
    private Sql() {
    }

    public static void update(String sql, UUID id) {
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_provisioning"));
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the request due now, as if its backoff or resync interval had passed. */
    public static void makeDue(UUID id) {
        update("UPDATE provisioning_request SET next_attempt_at = now() - interval '1 second' WHERE id = ?", id);
    }
}
