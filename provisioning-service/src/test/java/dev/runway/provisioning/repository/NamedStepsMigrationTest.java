package dev.runway.provisioning.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.runway.provisioning.domain.RequestKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * V4 turns the integer step column into the step's name: rows written by the previous version, in every state and
 * at every step, keep their place in their kind's plan.
 */
class NamedStepsMigrationTest {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void integerStepsBecomeTheNamesOfTheSameSteps() throws SQLException {
        DataSource ds = postgres.getPostgresDatabase();
        flyway(ds, "3").migrate();
        Map<UUID, String> expected = new LinkedHashMap<>();
        String[] environment = { "NAMESPACE", "RESOURCE_QUOTA", "LIMIT_RANGE", "NETWORK_POLICY", "ROLE_BINDING" };
        for (int step = 0; step < environment.length; step++) {
            expected.put(insert(ds, "ENVIRONMENT", "PROVISIONING", step), environment[step]);
        }
        String[] database = { "SECRET", "ACCOUNT", "DATABASE", "GRANTS" };
        for (int step = 0; step < database.length; step++) {
            expected.put(insert(ds, "DATABASE", "PROVISIONING", step), database[step]);
        }
        // The old teardowns: environment 0 wait for databases, 1 delete the namespace, 2 record DELETED;
        // database 0 drop database, 1 drop account, 2 delete Secret, 3 record DELETED.
        for (int step = 0; step <= 2; step++) {
            expected.put(insert(ds, "ENVIRONMENT", "DEPROVISIONING", step), "NAMESPACE");
        }
        String[] undo = { "DATABASE", "ACCOUNT", "SECRET", "SECRET" };
        for (int step = 0; step < undo.length; step++) {
            expected.put(insert(ds, "DATABASE", "DEPROVISIONING", step), undo[step]);
        }
        expected.put(insert(ds, "ENVIRONMENT", "READY", 0), null);
        expected.put(insert(ds, "DATABASE", "FAILED", 0), null);

        flyway(ds, "4").migrate();

        try (Connection c = ds.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, step FROM provisioning_request")) {
            Map<UUID, String> actual = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    actual.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
            assertEquals(expected, actual);
        }
        // The names are the plans' own, in the plans' order.
        assertEquals(List.of(environment), RequestKind.ENVIRONMENT.plan().names());
        assertEquals(List.of(database), RequestKind.DATABASE.plan().names());
    }

    private static Flyway flyway(DataSource ds, String target) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration").target(target).load();
    }

    private static UUID insert(DataSource ds, String kind, String state, int step) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO provisioning_request"
                + " (id, kind, name, team, template_id, template_version, parameters, cpu_millis, memory_mib,"
                + " physical_name, namespace, requested_by, approval_required, state, desired, step, created_at,"
                + " updated_at) VALUES (?, ?, 'n', 't', 'x', '1', '{}', 0, 0, ?, 'ns', 'alice', false, ?, 'PRESENT', ?,"
                + " now(), now())")) {
            s.setObject(1, id);
            s.setString(2, kind);
            s.setString(3, id.toString());
            s.setString(4, state);
            s.setInt(5, step);
            s.executeUpdate();
        }
        return id;
    }
}
