package dev.runway.provisioning.reconciler;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import dev.runway.provisioning.driver.TargetPostgresResource;
import dev.runway.provisioning.kubernetes.Fabric8ClusterGateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;

/**
 * The reconciler dies after every other external call, before its progress commits, again and again; each
 * restart resumes from the recorded progress. In the end everything exists exactly once, every transition
 * was recorded exactly once, and deletion leaves nothing behind.
 */
@QuarkusTest
@TestProfile(CrashTest.Crashing.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(TargetPostgresResource.class)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class CrashTest {
    public static class Crashing implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(CrashingClusterGateway.class);
        }
    }

    @Inject
    Reconciler reconciler;
    @Inject
    KubernetesClient client;

    /** Restarts the reconciler after each crash until the request stops making progress. */
    private void driveThroughCrashes(UUID id) {
        for (int restarts = 0; restarts < 200; restarts++) {
            try {
                reconciler.drive(id);
                return;
            } catch (CrashingClusterGateway.SimulatedCrash crashed) {
                // the "process" died; the next iteration is the restart
            }
        }
        throw new AssertionError("no progress after 200 restarts");
    }

    @Test
    void crashesBetweenStepsLeaveNoDuplicatesAndNoLeaks() throws Exception {
        int crashesBefore = CrashingClusterGateway.CRASHES.get();
        String team = "c" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.user("alice", List.of(team), "developer");
        UUID env = UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "crash", "team", team, "template", "development"))
                .when().post("/api/v1/environments").then().statusCode(202).extract().path("id"));
        driveThroughCrashes(env);
        UUID db = UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "ledger", "team", team, "engine", "postgresql", "environment", env.toString()))
                .when().post("/api/v1/databases").then().statusCode(202).extract().path("id"));
        driveThroughCrashes(db);

        assertEquals("READY", state(token, "environments", env));
        assertEquals("READY", state(token, "databases", db));
        assertTrue(CrashingClusterGateway.CRASHES.get() - crashesBefore >= 5, "the test must actually crash");
        String ns = team + "-crash";
        String name = team + "_ledger";
        assertEquals(1, client.namespaces().withLabel(Fabric8ClusterGateway.LABEL_TEAM, team).list().getItems().size());
        assertEquals(1, client.resourceQuotas().inNamespace(ns).list().getItems().size());
        assertEquals(1, client.secrets().inNamespace(ns).list().getItems().size());
        // Reading the credentials is not the reconciler: no crashes there.
        CrashingClusterGateway.period = 0;
        String password = given().auth().oauth2(token).when().get("/api/v1/databases/" + db + "/credentials")
                .then().statusCode(200).extract().path("password");
        try (Connection c = TargetPostgresResource.superuser("postgres")) {
            assertEquals(1, count(c, "SELECT count(*) FROM pg_roles WHERE rolname = ?", name));
            assertEquals(1, count(c, "SELECT count(*) FROM pg_database WHERE datname = ?", name));
        }
        assertTrue(password.length() >= 32);
        CrashingClusterGateway.period = 2;
        assertEveryTransitionRecordedOnce(env);
        assertEveryTransitionRecordedOnce(db);

        given().auth().oauth2(token).when().delete("/api/v1/environments/" + env).then().statusCode(202);
        driveThroughCrashes(db);
        driveThroughCrashes(env);
        assertEquals("DELETED", state(token, "databases", db));
        assertEquals("DELETED", state(token, "environments", env));
        assertNull(client.namespaces().withName(ns).get());
        try (Connection c = TargetPostgresResource.superuser("postgres")) {
            assertEquals(0, count(c, "SELECT count(*) FROM pg_roles WHERE rolname = ?", name));
            assertEquals(0, count(c, "SELECT count(*) FROM pg_database WHERE datname = ?", name));
        }
        assertEveryTransitionRecordedOnce(env);
        assertEveryTransitionRecordedOnce(db);
    }

    private static String state(String token, String kind, UUID id) {
        return given().auth().oauth2(token).when().get("/api/v1/" + kind + "/" + id).then().statusCode(200)
                .extract().path("state");
    }

    private static void assertEveryTransitionRecordedOnce(UUID id) throws Exception {
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_provisioning"))) {
            assertEquals(0, count(c, "SELECT count(*) FROM (SELECT to_state FROM request_event WHERE request_id = ?::uuid "
                    + "GROUP BY to_state HAVING count(*) > 1) d", id.toString()));
            assertEquals(0, count(c, "SELECT count(*) FROM (SELECT action FROM audit_outbox WHERE resource LIKE '%' || ? "
                    + "GROUP BY action HAVING count(*) > 1 AND action NOT LIKE '%credentials%') d", id.toString()));
        }
    }

    private static int count(Connection c, String sql, String param) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
