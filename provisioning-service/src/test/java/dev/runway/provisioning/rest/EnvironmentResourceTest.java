package dev.runway.provisioning.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class EnvironmentResourceTest {

    /** A fresh team per test keeps quotas independent; its member is the caller. */
    static String team() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String member(String user, String team) {
        return TestTokens.user(user, List.of(team), "developer");
    }

    static Response post(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/environments");
    }

    @Test
    void requestIsAcceptedWithLocationAndDefaults() {
        String team = team();
        Instant before = Instant.now();
        Response r = post(member("alice", team), Map.of("name", "feature-1", "team", team, "template", "ephemeral"));
        r.then().statusCode(202)
                .header("Location", endsWith("/api/v1/environments/" + r.path("id")))
                .body("state", equalTo("APPROVED"))
                .body("namespace", equalTo(team + "-feature-1"))
                .body("parameters.cpuMillis", equalTo(1000))
                .body("parameters.memoryMiB", equalTo(2048))
                .body("requestedBy", equalTo("alice"))
                .body("templateVersion", equalTo("1.0.0"));
        Instant expires = Instant.parse(r.path("expiresAt"));
        assertTrue(!expires.isBefore(before.plus(Duration.ofHours(24)))
                && expires.isBefore(Instant.now().plus(Duration.ofHours(24)).plusSeconds(1)));

        given().auth().oauth2(member("bob", team)).when().get(r.header("Location")).then().statusCode(200)
                .body("name", equalTo("feature-1"));
        given().auth().oauth2(member("bob", team)).when().get("/api/v1/environments").then().statusCode(200)
                .body("items.id", hasItem((String) r.path("id")));
        given().auth().oauth2(Tokens.ALICE).when().get("/api/v1/environments").then().statusCode(200)
                .body("items.id", not(hasItem((String) r.path("id"))));
        given().auth().oauth2(Tokens.ERIN).when().get(r.header("Location")).then().statusCode(200);
        given().auth().oauth2(member("bob", team)).when().get("/api/v1/requests/" + r.path("id") + "/events")
                .then().statusCode(200)
                .body("items.to", contains("REQUESTED", "APPROVED"))
                .body("items[0].at", notNullValue())
                .body("items[0].actor", equalTo("alice"));
    }

    @Test
    void everyTransitionIsAuditedInTheOutbox() throws Exception {
        String team = team();
        String id = post(member("alice", team), Map.of("name", "audited", "team", team, "template", "development"))
                .then().statusCode(202).extract().path("id");
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_provisioning"));
                PreparedStatement s = c.prepareStatement("SELECT action, actor, actor_teams, outcome, "
                        + "details->>'team', source_service FROM audit_outbox WHERE resource = ? ORDER BY occurred_at, action DESC")) {
            s.setString(1, "environment/" + id);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("provisioning.environment.request", rs.getString(1));
                assertEquals("alice", rs.getString(2));
                assertEquals(List.of(team), List.of((String[]) rs.getArray(3).getArray()));
                assertEquals("success", rs.getString(4));
                assertEquals(team, rs.getString(5));
                assertEquals("provisioning-service", rs.getString(6));
                assertTrue(rs.next());
                assertEquals("provisioning.environment.approved", rs.getString(1));
            }
        }
    }

    @Test
    void idempotencyKeyReturnsTheFirstResult() {
        String team = team();
        String token = member("alice", team);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "retried", "team", team, "template", "development");
        String first = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/environments").then().statusCode(202).extract().header("Location");
        given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/environments").then().statusCode(202).header("Location", equalTo(first));
        given().auth().oauth2(token).when().get("/api/v1/environments").then()
                .body("items.findAll { it.name == 'retried' }.size()", equalTo(1));
        // Without the key, the same request is a duplicate name.
        post(token, body).then().statusCode(409).contentType(startsWith("application/problem+json"));
    }

    @Test
    void parametersAreValidatedAgainstTheTemplateSchemaPerField() {
        String team = team();
        post(member("alice", team), Map.of("name", "big", "team", team, "template", "ephemeral",
                "parameters", Map.of("cpuMillis", 99999, "colour", "red"), "ttl", "P30D"))
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("$.parameters.cpuMillis"))
                .body("violations.field", hasItem("$.parameters.colour"))
                .body("violations.field", hasItem("$.ttl"));
        post(member("alice", team), Map.of("name", "x", "team", team, "template", "nope"))
                .then().statusCode(400).body("violations.field", hasItem("$.template"));
        post(member("alice", team), Map.of("name", "x", "team", team, "template", "postgresql"))
                .then().statusCode(400).body("violations.field", hasItem("$.template"));
        post(member("alice", team), Map.of("name", "x", "team", team, "template", "production", "ttl", "PT1H"))
                .then().statusCode(400).body("violations.field", hasItem("$.ttl"));
        post(member("alice", team), Map.of("name", "Bad_Name", "team", team, "template", "ephemeral"))
                .then().statusCode(400).body("violations.field", hasItem(endsWith("name")));
    }

    @Test
    void onlyTeamMembersOrPlatformAdminsMayRequest() {
        String team = team();
        post(Tokens.CAROL, Map.of("name", "intruder", "team", team, "template", "ephemeral"))
                .then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
        post(Tokens.DAVE, Map.of("name", "by-admin", "team", team, "template", "ephemeral")).then().statusCode(202);
        post(Tokens.ERIN, Map.of("name", "by-auditor", "team", team, "template", "ephemeral")).then().statusCode(403);
        post(Tokens.SERVICE, Map.of("name", "by-service", "team", team, "template", "ephemeral")).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("name", "anon", "team", team, "template", "ephemeral"))
                .when().post("/api/v1/environments").then().statusCode(401);
    }

    @Test
    void otherTeamsEnvironmentIsNotVisible() {
        String team = team();
        String location = post(member("alice", team), Map.of("name", "hidden", "team", team, "template", "ephemeral"))
                .then().statusCode(202).extract().header("Location");
        given().auth().oauth2(Tokens.CAROL).when().get(location).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.CAROL).when().delete(location).then().statusCode(404);
        given().auth().oauth2(Tokens.ERIN).when().delete(location).then().statusCode(403);
        given().auth().oauth2(Tokens.CAROL).when().get("/api/v1/environments/" + UUID.randomUUID()).then()
                .statusCode(404);
    }

    @Test
    void countQuotaIs409AndResourceQuotaIs422() {
        String team = team();
        String token = member("alice", team);
        for (int i = 0; i < 3; i++) {
            post(token, Map.of("name", "e" + i, "team", team, "template", "ephemeral")).then().statusCode(202);
        }
        post(token, Map.of("name", "e3", "team", team, "template", "ephemeral")).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("team '" + team + "' already has 3 environments, its quota is 3"));

        String other = team();
        post(member("alice", other), Map.of("name", "big", "team", other, "template", "production",
                "parameters", Map.of("cpuMillis", 16000))).then().statusCode(202);
        post(member("alice", other), Map.of("name", "more", "team", other, "template", "staging",
                "parameters", Map.of("cpuMillis", 8000))).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", contains("$.parameters.cpuMillis"));
    }

    @Test
    void productionWaitsForApprovalByALeadWhoIsNotTheRequester() {
        String bob = TestTokens.user("bob", List.of("payments"), "developer");
        String name = "prod-" + UUID.randomUUID().toString().substring(0, 6);
        String id = post(bob, Map.of("name", name, "team", "payments", "template", "production"))
                .then().statusCode(202).body("state", equalTo("PENDING_APPROVAL")).body("expiresAt", nullValue())
                .extract().path("id");
        String approve = "/api/v1/requests/" + id + "/approve";
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{}").when().post(approve).then()
                .statusCode(403).body("detail", equalTo("a request cannot be decided by its requester"));
        given().auth().oauth2(Tokens.ALICE).contentType(ContentType.JSON).body("{}").when().post(approve).then()
                .statusCode(403);
        given().auth().oauth2(Tokens.FRANK).contentType(ContentType.JSON).body("{}").when().post(approve).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.DAVE).contentType(ContentType.JSON).body(Map.of("reason", "ship it"))
                .when().post(approve).then().statusCode(200).body("state", equalTo("APPROVED"))
                .body("decidedBy", equalTo("dave"));
        given().auth().oauth2(Tokens.DAVE).contentType(ContentType.JSON).body("{}").when().post(approve).then()
                .statusCode(409).contentType(startsWith("application/problem+json"));
    }

    @Test
    void leadDeniesAndTheNameIsFreeAgain() {
        String alice = Tokens.ALICE;
        String name = "prod-" + UUID.randomUUID().toString().substring(0, 6);
        String id = post(alice, Map.of("name", name, "team", "payments", "template", "production"))
                .then().statusCode(202).extract().path("id");
        given().auth().oauth2(Tokens.BOB).contentType(ContentType.JSON).body(Map.of("reason", "not now"))
                .when().post("/api/v1/requests/" + id + "/deny").then().statusCode(200)
                .body("state", equalTo("DENIED")).body("reason", equalTo("not now"));
        post(alice, Map.of("name", name, "team", "payments", "template", "production")).then().statusCode(202);
    }

    @Test
    void extendMovesTheExpiryWithinTheTemplateMaximum() {
        String team = team();
        String token = member("alice", team);
        String location = post(token, Map.of("name", "longer", "team", team, "template", "ephemeral"))
                .then().statusCode(202).extract().header("Location");
        Instant before = Instant.now();
        String expires = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("ttl", "P3D"))
                .when().post(location + "/extend").then().statusCode(200).extract().path("expiresAt");
        assertTrue(!Instant.parse(expires).isBefore(before.plus(Duration.ofDays(3))));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("ttl", "P8D"))
                .when().post(location + "/extend").then().statusCode(400)
                .body("violations[0].field", equalTo("$.ttl"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .when().post(location + "/extend").then().statusCode(400);
        String dev = post(token, Map.of("name", "forever", "team", team, "template", "development"))
                .then().statusCode(202).extract().header("Location");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("ttl", "P1D"))
                .when().post(dev + "/extend").then().statusCode(422);
    }

    @Test
    void deleteStartsDeprovisioning() {
        String team = team();
        String token = member("alice", team);
        String location = post(token, Map.of("name", "gone", "team", team, "template", "ephemeral"))
                .then().statusCode(202).extract().header("Location");
        given().auth().oauth2(token).when().delete(location).then().statusCode(202)
                .body("state", equalTo("DEPROVISIONING"));
        given().auth().oauth2(token).when().get(location).then().body("state", equalTo("DEPROVISIONING"));
    }
}
