package dev.runway.provisioning.reconciler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.runway.common.policy.Actions;
import dev.runway.common.policy.Decision;
import dev.runway.common.testing.PolicyDecisionDouble;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import dev.runway.provisioning.rest.Sql;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;

/**
 * Decisions come from access-service (here its test double, which answers with access-service's built-in rules
 * and records every question); FAILED requests can be retried; a database's expiry is its environment's.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class RetryAndPolicyTest {
    @Inject
    Reconciler reconciler;
    @Inject
    KubernetesClient client;

    @AfterEach
    void resetDouble() {
        PolicyDecisionDouble.reset();
    }

    private static String team() {
        return "r" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String member(String user, String team) {
        return TestTokens.user(user, List.of(team), "developer");
    }

    private static UUID environment(String token, String team, String name, String template) {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "team", team, "template", template))
                .when().post("/api/v1/environments").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }

    private static UUID database(String token, String team, String name, UUID environment) {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "team", team, "engine", "postgresql", "environment", environment.toString()))
                .when().post("/api/v1/databases").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }

    @Test
    void everyDecisionIsAskedOfAccessServiceWithTheCallersOwnToken() {
        String team = team();
        String alice = member("alice", team);
        UUID id = environment(alice, team, "asked", "development");
        given().auth().oauth2(alice).when().get("/api/v1/environments/" + id).then().statusCode(200);
        given().auth().oauth2(alice).when().delete("/api/v1/environments/" + id).then().statusCode(202);

        List<PolicyDecisionDouble.Asked> asked = PolicyDecisionDouble.asked();
        assertTrue(asked.stream().allMatch(a -> a.authorization().equals("Bearer " + alice)), "the user's own token");
        assertTrue(asked.stream().allMatch(a -> a.request().subject() == null), "no subject copied from the token");
        PolicyDecisionDouble.Asked request = asked.get(0);
        assertEquals(Actions.ENVIRONMENT_REQUEST, request.request().action());
        assertEquals("team:" + team, request.request().resource().id());
        assertEquals(team, request.request().resource().owner());
        assertEquals("development", request.request().resource().attribute("tier"));
        assertTrue(asked.stream().anyMatch(a -> a.request().action().equals(Actions.ENVIRONMENT_READ)
                && a.request().resource().id().equals("environment:" + id)));
        assertTrue(asked.stream().anyMatch(a -> a.request().action().equals(Actions.ENVIRONMENT_DELETE)
                && a.request().resource().id().equals("environment:" + id)
                && "alice".equals(a.request().resource().attribute("requester"))));
    }

    @Test
    void accessServiceDenialIs403WithItsReasonAndItsAllowanceIsHonoured() {
        String team = team();
        String alice = member("alice", team);
        UUID id = environment(alice, team, "decided", "development");
        // A role binding (which the double does not model) may let a non-member in: what access-service says counts.
        String carol = TestTokens.user("carol", List.of("search"), "developer");
        given().auth().oauth2(carol).when().get("/api/v1/environments/" + id).then().statusCode(404);
        PolicyDecisionDouble.answerWith(r -> r.action().equals(Actions.ENVIRONMENT_READ)
                && r.resource().id().equals("environment:" + id)
                ? Decision.allow("role viewer on environment:" + id, "b1") : Decision.deny("no rule"));
        given().auth().oauth2(carol).when().get("/api/v1/environments/" + id).then().statusCode(200);
        given().auth().oauth2(carol).when().get("/api/v1/environments").then().statusCode(200)
                .body("items.id", hasItem(id.toString()));
        given().auth().oauth2(carol).when().delete("/api/v1/environments/" + id).then().statusCode(403)
                .body("detail", containsString("no rule"));

        PolicyDecisionDouble.answerWith(r -> Decision.deny("team " + team + " is frozen"));
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "frozen", "team", team, "template", "development"))
                .when().post("/api/v1/environments").then().statusCode(403)
                .body("detail", containsString("is frozen"));
        given().auth().oauth2(alice).when().get("/api/v1/environments").then().statusCode(200)
                .body("items.id", not(hasItem(id.toString())));
    }

    @Test
    void unreachableAccessServiceFailsClosedWith503() {
        String team = team();
        String alice = member("alice", team);
        UUID id = environment(alice, team, "closed", "development");
        PolicyDecisionDouble.failWith(new ProcessingException("connection refused"));
        given().auth().oauth2(alice).when().get("/api/v1/environments/" + id).then().statusCode(503)
                .contentType("application/problem+json");
        given().auth().oauth2(alice).when().delete("/api/v1/environments/" + id).then().statusCode(503);
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "other", "team", team, "template", "development"))
                .when().post("/api/v1/environments").then().statusCode(503)
                .body("detail", not(containsString("connection refused")));
        PolicyDecisionDouble.reset();
        given().auth().oauth2(alice).when().get("/api/v1/environments/" + id).then().statusCode(200)
                .body("state", equalTo("APPROVED"));
    }

    @Test
    void failedEnvironmentIsRetriedFromItsFirstStepByATeamMember() {
        String team = team();
        String alice = member("alice", team);
        UUID id = environment(alice, team, "again", "development");
        given().auth().oauth2(alice).contentType(ContentType.JSON).when()
                .post("/api/v1/environments/" + id + "/retry").then().statusCode(409)
                .body("detail", containsString("only a FAILED environment"));
        // As the reconciler leaves it once the API server refused too often: half applied, FAILED, not due.
        reconciler.drive(id);
        client.namespaces().withName(team + "-again").delete();
        Sql.update("UPDATE provisioning_request SET state = 'FAILED', reason = 'HTTP 500 from the API server',"
                + " retryable = true, next_attempt_at = NULL WHERE id = ?", id);

        given().auth().oauth2(TestTokens.user("carol", List.of("search"), "developer")).when()
                .post("/api/v1/environments/" + id + "/retry").then().statusCode(404);
        given().auth().oauth2(member("bob", team)).when()
                .post("/api/v1/environments/" + id + "/retry").then().statusCode(202)
                .body("state", equalTo("PROVISIONING"));
        reconciler.drive(id);
        given().auth().oauth2(alice).when().get("/api/v1/environments/" + id).then().statusCode(200)
                .body("state", equalTo("READY"));
        assertNotNull(client.namespaces().withName(team + "-again").get(), "namespace applied again");
        given().auth().oauth2(alice).when().get("/api/v1/requests/" + id + "/events").then().statusCode(200)
                .body("items.find { it.from == 'FAILED' }.to", equalTo("PROVISIONING"))
                .body("items.find { it.from == 'FAILED' }.actor", equalTo("bob"));
    }

    @Test
    void failedDeprovisioningIsRetriedAsDeprovisioning() {
        String team = team();
        String alice = member("alice", team);
        UUID id = environment(alice, team, "stuck", "development");
        reconciler.drive(id);
        given().auth().oauth2(alice).when().delete("/api/v1/environments/" + id).then().statusCode(202);
        Sql.update("UPDATE provisioning_request SET state = 'FAILED', reason = 'HTTP 500 from the API server',"
                + " retryable = true, next_attempt_at = NULL WHERE id = ?", id);
        given().auth().oauth2(alice).when().post("/api/v1/environments/" + id + "/retry").then().statusCode(202)
                .body("state", equalTo("DEPROVISIONING"));
        reconciler.drive(id);
        given().auth().oauth2(alice).when().get("/api/v1/environments/" + id).then().body("state", equalTo("DELETED"));
        assertNull(client.namespaces().withName(team + "-stuck").get());
    }

    @Test
    void databaseRetryWaitsForItsEnvironment() {
        String team = team();
        String alice = member("alice", team);
        UUID env = environment(alice, team, "base", "development");
        UUID db = database(alice, team, "cache", env);
        Sql.update("UPDATE provisioning_request SET state = 'FAILED', retryable = true, next_attempt_at = NULL"
                + " WHERE id = ?", db);
        given().auth().oauth2(alice).when().post("/api/v1/databases/" + db + "/retry").then().statusCode(409)
                .body("detail", containsString("once its environment is READY"));
    }

    @Test
    void extendingADatabaseExtendsItsEnvironmentAndEveryDatabaseInIt() {
        String team = team();
        String alice = member("alice", team);
        UUID env = environment(alice, team, "short", "ephemeral");
        UUID first = database(alice, team, "one", env);
        UUID second = database(alice, team, "two", env);
        Instant envExpiry = Instant.parse(given().auth().oauth2(alice).when().get("/api/v1/environments/" + env)
                .then().extract().path("expiresAt"));
        assertEquals(millis(envExpiry.toString()), millis(given().auth().oauth2(alice)
                .when().get("/api/v1/databases/" + first).then().extract().path("expiresAt")),
                "a database expires with its environment");

        Instant before = Instant.now();
        String extended = given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("ttl", "P5D"))
                .when().post("/api/v1/databases/" + first + "/extend").then().statusCode(200)
                .body("id", equalTo(first.toString())).extract().path("expiresAt");
        assertTrue(!Instant.parse(extended).isBefore(before.plus(Duration.ofDays(5))));
        assertEquals(millis(extended), millis(given().auth().oauth2(alice).when().get("/api/v1/environments/" + env)
                .then().extract().path("expiresAt")));
        assertEquals(millis(extended), millis(given().auth().oauth2(alice).when().get("/api/v1/databases/" + second)
                .then().extract().path("expiresAt")));

        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("ttl", "P30D"))
                .when().post("/api/v1/databases/" + first + "/extend").then().statusCode(400)
                .body("violations[0].field", equalTo("$.ttl"));
        given().auth().oauth2(TestTokens.user("carol", List.of("search"), "developer")).contentType(ContentType.JSON)
                .body(Map.of("ttl", "P1D")).when().post("/api/v1/databases/" + first + "/extend").then().statusCode(404);

        UUID lasting = environment(alice, team, "lasting", "development");
        UUID third = database(alice, team, "three", lasting);
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("ttl", "P1D"))
                .when().post("/api/v1/databases/" + third + "/extend").then().statusCode(422)
                .body("detail", containsString("nor do their databases"));
    }

    /** Stored instants may be shorter than the ones answered before storing. */
    private static Instant millis(String instant) {
        return Instant.parse(instant).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
