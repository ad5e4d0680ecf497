package dev.runway.access.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.access.service.ExpiryService;
import dev.runway.access.testing.DemoTeamLeads;
import dev.runway.common.policy.Actions;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = Callers.DATABASE))
class AccessRequestResourceTest {

    /** The demo's team leads come from the demo's seeding, not from a migration: these tests seed them. */
    @BeforeEach
    void demoTeamLeads() {
        DemoTeamLeads.seed();
    }
    private static final String PATH = "/api/v1/access-requests";

    @Inject
    ExpiryService expiry;

    private static String request(String token, String role, String scope, String duration) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("role", role, "scope", scope, "duration", duration, "justification", "incident INC-7"))
                .when().post(PATH).then().statusCode(201).extract().path("id");
    }

    private static String decide(String token, String action, Map<String, Object> resource) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("action", action, "resource", resource))
                .when().post("/api/v1/decisions").then().statusCode(200).extract().asString();
    }

    @Test
    void approvedRequestGrantsUntilExpiryAndAnExpiredGrantIsNeverHonoured() {
        String location = given().auth().oauth2(Callers.carol()).contentType(ContentType.JSON)
                .body(Map.of("role", "developer", "scope", "team:payments", "duration", "PT8H",
                        "justification", "pairing with payments on INC-42"))
                .when().post(PATH).then().statusCode(201)
                .body("status", equalTo("PENDING")).body("requester", equalTo("carol"))
                .body("duration", equalTo("PT8H")).body("justification", equalTo("pairing with payments on INC-42"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertTrue(location.endsWith(PATH + "/" + id), location);

        // The approvals inbox: leads of the scope's team and platform-admins, never the requester.
        given().auth().oauth2(Callers.bob()).queryParam("awaiting", "me").when().get(PATH)
                .then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(Callers.dave()).queryParam("awaiting", "me").when().get(PATH)
                .then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(Callers.frank()).queryParam("awaiting", "me").when().get(PATH)
                .then().statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(Callers.carol()).queryParam("awaiting", "me").when().get(PATH)
                .then().statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(Callers.carol()).when().get(PATH).then().statusCode(200).body("id", hasItem(id));

        for (String notEligible : List.of(Callers.carol(), Callers.frank(), Callers.alice())) {
            given().auth().oauth2(notEligible).contentType(ContentType.JSON).body(Map.of("comment", "self-service"))
                    .when().post(location + "/approve").then().statusCode(403)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", startsWith("You may not decide this request"));
        }
        given().auth().oauth2(Callers.carol()).contentType(ContentType.JSON).body(Map.of())
                .when().post(location + "/approve").then().statusCode(403)
                .body("detail", containsString("never the requester"));
        // A refused approval is on the record too.
        assertTrue(Callers.count("SELECT count(*) FROM audit_record WHERE action = 'decision:access.request.approve' "
                + "AND resource = ? AND actor = 'carol' AND outcome = 'deny'", "access-request:" + id) >= 1);

        String grantId = given().auth().oauth2(Callers.bob()).contentType(ContentType.JSON)
                .body(Map.of("comment", "ok for today"))
                .when().post(location + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("decidedBy", equalTo("bob"))
                .body("comment", equalTo("ok for today")).body("grantId", notNullValue())
                .extract().path("grantId");
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(Map.of())
                .when().post(location + "/approve").then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("APPROVED"));

        given().auth().oauth2(Callers.carol()).when().get("/api/v1/me").then().statusCode(200)
                .body("grants.id", equalTo(List.of(grantId)))
                .body("grants[0].role", equalTo("developer")).body("grants[0].scope", equalTo("team:payments"));
        Map<String, Object> paymentsApi = Map.of("id", "entity:component:default/payments-api", "owner", "payments");
        String allowed = decide(Callers.carol(), Actions.CATALOG_ENTITY_WRITE, paymentsApi);
        assertTrue(allowed.contains("\"decision\":\"ALLOW\"") && allowed.contains(grantId), allowed);
        for (String action : List.of("access-request.create", "access-request.approve")) {
            assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = ? AND resource = ?",
                    action, "access-request:" + id), action);
        }
        assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = 'grant.create' AND resource = ?",
                "role-binding:" + grantId));

        // The grant's expiry passes; the expiry job has not run yet.
        Callers.update("UPDATE role_binding SET expires_at = now() - interval '1 second' WHERE id = ?::uuid", grantId);
        String denied = decide(Callers.carol(), Actions.CATALOG_ENTITY_WRITE, paymentsApi);
        assertTrue(denied.contains("\"decision\":\"DENY\"") && denied.contains("expired"), denied);
        given().auth().oauth2(Callers.carol()).when().get("/api/v1/me").then().statusCode(200)
                .body("grants", equalTo(List.of()));
        assertEquals(1, Callers.count("SELECT count(*) FROM role_binding WHERE id = ?::uuid", grantId));

        assertTrue(expiry.expireDue(Instant.now()).bindings() >= 1);
        assertEquals(0, Callers.count("SELECT count(*) FROM role_binding WHERE id = ?::uuid", grantId));
        given().auth().oauth2(Callers.carol()).when().get(location).then().statusCode(200).body("status", equalTo("ENDED"));
        assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = 'grant.expire' AND resource = ? "
                + "AND actor = 'access-service'", "role-binding:" + grantId));
    }

    @Test
    void durationIsBoundedByRoleAndJustificationIsRequired() {
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON)
                .body(Map.of("role", "maintainer", "scope", "team:payments", "duration", "P8D", "justification", "x"))
                .when().post(PATH).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", equalTo(List.of("duration")))
                .body("violations[0].message", equalTo("must be at most PT168H for role maintainer"));
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON)
                .body(Map.of("role", "developer", "scope", "team:search", "duration", "P15D", "justification", "x"))
                .when().post(PATH).then().statusCode(400)
                .body("violations[0].message", equalTo("must be at most PT336H for role developer"));
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON)
                .body(Map.of("role", "developer", "scope", "team:search", "duration", "eight hours", "justification", "x"))
                .when().post(PATH).then().statusCode(400)
                .body("violations[0].message", equalTo("must be an ISO-8601 duration such as PT8H or P3D"));
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON)
                .body(Map.of("role", "developer", "scope", "team:search", "duration", "PT0S", "justification", "x"))
                .when().post(PATH).then().statusCode(400).body("violations[0].message", equalTo("must be positive"));
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON)
                .body(Map.of("role", "developer", "scope", "team:search", "duration", "PT8H", "justification", "  "))
                .when().post(PATH).then().statusCode(400).body("violations.field", equalTo(List.of("justification")));
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON)
                .body(Map.of("role", "god", "scope", "everything"))
                .when().post(PATH).then().statusCode(400)
                .body("violations.field", equalTo(List.of("duration", "justification", "role", "scope")));

        request(Callers.alice(), "developer", "team:search", "P14D");
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON)
                .body(Map.of("role", "developer", "scope", "team:search", "duration", "PT1H", "justification", "again"))
                .when().post(PATH).then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("You already have a pending request for developer on team:search."));
    }

    @Test
    void denialNeedsACommentAndIsFinal() {
        String id = request(Callers.alice(), "viewer", "team:search", "PT1H");
        given().auth().oauth2(Callers.frank()).contentType(ContentType.JSON).body(Map.of())
                .when().post(PATH + "/" + id + "/deny").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("violations.field", equalTo(List.of("comment")));
        given().auth().oauth2(Callers.bob()).contentType(ContentType.JSON).body(Map.of("comment", "no"))
                .when().post(PATH + "/" + id + "/deny").then().statusCode(403);
        given().auth().oauth2(Callers.frank()).contentType(ContentType.JSON).body(Map.of("comment", "use the dashboard"))
                .when().post(PATH + "/" + id + "/deny").then().statusCode(200)
                .body("status", equalTo("DENIED")).body("comment", equalTo("use the dashboard"));
        given().auth().oauth2(Callers.frank()).contentType(ContentType.JSON).body(Map.of())
                .when().post(PATH + "/" + id + "/approve").then().statusCode(409);
        given().auth().oauth2(Callers.alice()).when().get(PATH + "/" + id).then().statusCode(200)
                .body("status", equalTo("DENIED")).body("decidedBy", equalTo("frank"));
        assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = 'access-request.deny' "
                + "AND resource = ? AND actor = 'frank'", "access-request:" + id));
    }

    @Test
    void requestsAreVisibleOnlyToThoseInvolved() {
        String id = request(Callers.carol(), "viewer", "team:search", "PT2H");
        given().auth().oauth2(Callers.alice()).when().get(PATH + "/" + id).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Callers.bob()).contentType(ContentType.JSON).body(Map.of())
                .when().post(PATH + "/" + id + "/approve").then().statusCode(403);
        given().auth().oauth2(Callers.frank()).when().get(PATH + "/" + id).then().statusCode(200);
        given().auth().oauth2(Callers.erin()).when().get(PATH + "/" + id).then().statusCode(200);
        given().auth().oauth2(Callers.dave()).when().get(PATH + "/" + id).then().statusCode(200);
        given().auth().oauth2(Callers.dave()).when().get(PATH + "/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(Map.of())
                .when().post(PATH + "/" + UUID.randomUUID() + "/approve").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Callers.dave()).queryParam("awaiting", "you").when().get(PATH).then().statusCode(400)
                .body("violations.field", equalTo(List.of("awaiting")));
        given().when().get(PATH).then().statusCode(401);
        given().when().get(PATH + "/" + id).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of()).when().post(PATH + "/" + id + "/approve").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("comment", "x")).when().post(PATH + "/" + id + "/deny").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("role", "viewer")).when().post(PATH).then().statusCode(401);
    }

    @Test
    void pendingRequestsLapse() {
        String id = request(Callers.alice(), "auditor", "global", "PT1H");
        given().auth().oauth2(Callers.bob()).queryParam("awaiting", "me").when().get(PATH)
                .then().statusCode(200).body("id", not(hasItem(id)));
        Callers.update("UPDATE access_request SET expires_at = now() - interval '1 second' WHERE id = ?::uuid", id);
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(Map.of())
                .when().post(PATH + "/" + id + "/approve").then().statusCode(409)
                .body("detail", startsWith("The request lapsed"));
        assertTrue(expiry.expireDue(Instant.now()).requests() >= 1);
        given().auth().oauth2(Callers.alice()).when().get(PATH + "/" + id).then().statusCode(200)
                .body("status", equalTo("EXPIRED"));
        assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = 'access-request.expire' "
                + "AND resource = ?", "access-request:" + id));
    }

    @Test
    void grantsAreListedAndRevokedEarly() {
        String id = request(Callers.alice(), "maintainer", "team:payments", "P2D");
        String grantId = given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(Map.of())
                .when().post(PATH + "/" + id + "/approve").then().statusCode(200).extract().path("grantId");
        given().auth().oauth2(Callers.alice()).when().get("/api/v1/grants").then().statusCode(200)
                .body("id", equalTo(List.of(grantId)));
        given().auth().oauth2(Callers.alice()).queryParam("mine", "false").when().get("/api/v1/grants")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Callers.erin()).queryParam("mine", "false").when().get("/api/v1/grants")
                .then().statusCode(200).body("id", hasItem(grantId));
        given().when().get("/api/v1/grants").then().statusCode(401);

        given().auth().oauth2(Callers.carol()).when().delete("/api/v1/grants/" + grantId).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Callers.erin()).when().delete("/api/v1/grants/" + grantId).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().when().delete("/api/v1/grants/" + grantId).then().statusCode(401);
        given().auth().oauth2(Callers.alice()).when().delete("/api/v1/grants/" + grantId).then().statusCode(204);
        given().auth().oauth2(Callers.alice()).when().delete("/api/v1/grants/" + grantId).then().statusCode(404);
        given().auth().oauth2(Callers.alice()).when().get(PATH + "/" + id).then().statusCode(200)
                .body("status", equalTo("REVOKED"));
        assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = 'grant.revoke' AND resource = ? "
                + "AND outcome = 'success' AND actor = 'alice'", "role-binding:" + grantId));
        assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = 'grant.revoke' AND resource = ? "
                + "AND outcome = 'deny' AND actor = 'erin'", "role-binding:" + grantId));
    }

    @Test
    void anApproverBindingMakesAnApproverToo() {
        String judy = TestTokens.user("judy", List.of("platform-security"), "developer");
        String id = request(TestTokens.user("kim", List.of("search"), "developer"), "developer", "team:search", "PT3H");
        given().auth().oauth2(judy).queryParam("awaiting", "me").when().get(PATH)
                .then().statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(judy).when().get(PATH + "/" + id).then().statusCode(404);
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(Map.of("subject", "user:judy", "role", "approver", "scope", "team:search"))
                .when().post("/api/v1/role-bindings").then().statusCode(201);
        given().auth().oauth2(judy).queryParam("awaiting", "me").when().get(PATH)
                .then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(judy).when().get(PATH + "/" + id).then().statusCode(200);
        given().auth().oauth2(judy).contentType(ContentType.JSON).body(Map.of())
                .when().post(PATH + "/" + id + "/approve").then().statusCode(200).body("decidedBy", equalTo("judy"));
    }
}
