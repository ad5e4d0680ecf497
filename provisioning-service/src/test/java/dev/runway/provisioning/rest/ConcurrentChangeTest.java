package dev.runway.provisioning.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.isOneOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A reconciler step holds its request's row lock while it works and commits a new version of the row. A change asked
 * through the API meanwhile must wait for the step and apply to the row as the step left it. Found by the platform
 * load harness (`monday`): deletions that met a step answered 500, an optimistic-lock failure at commit.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class ConcurrentChangeTest {
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static String team() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static UUID environment(String token, String team) {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "held-" + team, "team", team, "template", "ephemeral"))
                .when().post("/api/v1/environments").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }

    @Test
    void aDeletionAskedWhileAReconcilerStepHoldsTheRequestWaitsForItAndIsApplied() throws Exception {
        String team = team();
        String token = TestTokens.user("alice", List.of(team), "developer");
        UUID id = environment(token, team);

        Response answer = whileAStepHolds(id,
                () -> given().auth().oauth2(token).when().delete("/api/v1/environments/" + id));

        // Deprovisioning if the request had been started, DENIED if it had not (the step above did not move it on).
        answer.then().statusCode(202).body("state", isOneOf("DEPROVISIONING", "DENIED", "DELETED"));
        given().auth().oauth2(token).when().get("/api/v1/environments/" + id)
                .then().statusCode(200).body("state", isOneOf("DEPROVISIONING", "DENIED", "DELETED"));
    }

    @Test
    void anExtensionAskedWhileAReconcilerStepHoldsTheRequestWaitsForItAndIsApplied() throws Exception {
        String team = team();
        String token = TestTokens.user("carol", List.of(team), "developer");
        UUID id = environment(token, team);

        Response answer = whileAStepHolds(id, () -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("ttl", "PT2H")).when().post("/api/v1/environments/" + id + "/extend"));

        answer.then().statusCode(200);
        Instant expiresAt = Instant.parse(answer.path("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now().plus(Duration.ofMinutes(110))), "expires two hours on: " + expiresAt);
    }

    /**
     * Does what a reconciler step does to the row (lock it, record progress as a new version) and sends the request
     * while the lock is held; commits once the request's transaction waits for the row, or once it has answered.
     */
    private static Response whileAStepHolds(UUID id, Supplier<Response> request) throws Exception {
        String url = RunwayTestResource.jdbcUrl("runway_provisioning");
        try (Connection step = DriverManager.getConnection(url); Connection observer = DriverManager.getConnection(url)) {
            step.setAutoCommit(false);
            execute(step, "SELECT id FROM provisioning_request WHERE id = ? FOR UPDATE", id);
            execute(step, "UPDATE provisioning_request SET attempts = attempts + 1, version = version + 1, "
                    + "updated_at = now() WHERE id = ?", id);
            CompletableFuture<Response> answer = CompletableFuture.supplyAsync(request);
            long deadline = System.nanoTime() + BOUND_NANOS;
            while (!answer.isDone() && !waitingForTheRow(observer)) {
                if (System.nanoTime() > deadline) {
                    fail("the request neither answered nor waited for the row within 30 s");
                }
                Thread.sleep(20);
            }
            step.commit();
            return answer.get(30, TimeUnit.SECONDS);
        }
    }

    private static boolean waitingForTheRow(Connection observer) throws SQLException {
        try (PreparedStatement s = observer.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                + "WHERE wait_event_type = 'Lock' AND query ILIKE '%provisioning_request%'");
                ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    private static void execute(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.execute();
        }
    }
}
