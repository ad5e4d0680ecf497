package dev.runway.access.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
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
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_access"))
class AuditResourceTest {
    private static final String SERVICE = TestTokens.service("catalog-service");
    private static final String AUDITOR = TestTokens.user("erin", List.of(), "auditor");
    private static final String ADMIN = TestTokens.user("dave", List.of(), "platform-admin");

    private static String developer(String name) {
        return TestTokens.user(name, List.of("payments"), "developer");
    }

    private static Map<String, Object> event(UUID id, String actor, String resource) {
        return Map.of("eventId", id.toString(), "occurredAt", "2026-03-01T10:00:00Z", "actor", actor,
                "actorTeams", List.of("payments"), "action", "entity.update", "resource", resource,
                "outcome", "success", "sourceService", "catalog-service",
                "details", Map.of("field", "owner", "apiToken", "never-stored"));
    }

    private static ValidatableResponse post(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/audit/events").then();
    }

    private static void assertProblem(ValidatableResponse r, int status) {
        r.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }

    @Test
    void aServiceIngestsAnEventOnceHoweverOftenItIsSent() {
        UUID id = UUID.randomUUID();
        int seq = post(SERVICE, event(id, "alice", "component:default/pay")).statusCode(201)
                .body("events[0].eventId", equalTo(id.toString())).body("events[0].created", equalTo(true))
                .extract().path("events[0].seq");
        post(SERVICE, event(id, "alice", "component:default/pay")).statusCode(200)
                .body("events[0].seq", equalTo(seq)).body("events[0].created", equalTo(false));
        given().auth().oauth2(AUDITOR).queryParam("resource", "component:default/pay").queryParam("actor", "alice")
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("items.findAll { it.eventId == '" + id + "' }", hasSize(1))
                .body("items.find { it.eventId == '" + id + "' }.details", equalTo(Map.of("field", "owner")));
    }

    @Test
    void aBatchStoresNewEventsAndAbsorbsDuplicates() {
        UUID known = UUID.randomUUID();
        post(SERVICE, event(known, "bob", "component:default/batch")).statusCode(201);
        UUID fresh = UUID.randomUUID();
        post(SERVICE, List.of(event(known, "bob", "component:default/batch"), event(fresh, "bob", "component:default/batch")))
                .statusCode(201).body("events.created", contains(false, true));
    }

    @Test
    void onlyServicesIngestAndOnlyTheirOwnEvents() {
        assertProblem(given().contentType(ContentType.JSON).body(event(UUID.randomUUID(), "a", "r"))
                .when().post("/api/v1/audit/events").then(), 401);
        assertProblem(post(developer("alice"), event(UUID.randomUUID(), "a", "r")), 403);
        assertProblem(post(AUDITOR, event(UUID.randomUUID(), "a", "r")), 403);
        assertProblem(post(TestTokens.service("provisioning-service"), event(UUID.randomUUID(), "a", "r")), 403);
    }

    @Test
    void malformedEventsAreNamedFieldByField() {
        Map<String, Object> bad = Map.of("eventId", "nope", "occurredAt", "2026-03-01T10:00:00Z");
        Map<String, Object> incomplete = Map.of("eventId", UUID.randomUUID().toString(),
                "occurredAt", "2026-03-01T10:00:00Z", "actor", "a", "action", "x", "resource", "r",
                "outcome", "maybe", "sourceService", "catalog-service");
        ValidatableResponse r = post(SERVICE, List.of(bad, incomplete));
        assertProblem(r, 400);
        r.body("violations.field", contains("$[0].eventId", "$[1].outcome"));
        assertProblem(post(SERVICE, List.of()), 400);
        assertProblem(post(SERVICE, "\"text\""), 400);
    }

    @Test
    void aSingleEventIsNamedFromTheRootAndABatchIsBounded() {
        Map<String, Object> invalid = new java.util.HashMap<>(event(UUID.randomUUID(), "a", "r"));
        invalid.put("outcome", "maybe");
        invalid.put("actorTeams", List.of("payments", ""));
        ValidatableResponse r = post(SERVICE, invalid);
        assertProblem(r, 400);
        r.body("violations.field", contains("$.actorTeams[1]", "$.outcome"));
        Map<String, Object> mistyped = new java.util.HashMap<>(event(UUID.randomUUID(), "a", "r"));
        mistyped.put("occurredAt", "yesterday");
        ValidatableResponse m = post(SERVICE, mistyped);
        assertProblem(m, 400);
        m.body("violations.field", contains("$.occurredAt"));
        ValidatableResponse notEvents = post(SERVICE, java.util.Arrays.asList(null, "event",
                event(UUID.randomUUID(), "a", "r")));
        assertProblem(notEvents, 400);
        notEvents.body("violations.field", contains("$[0]", "$[1]"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(event(UUID.randomUUID(), "a", "r"));
        }
        ValidatableResponse overLimit = post(SERVICE, tooMany);
        assertProblem(overLimit, 400);
        overLimit.body("violations.field", contains("$")).body("violations.message",
                contains("must hold at most 1000 events"));
    }

    @Test
    void auditorsPageThroughEverythingWithAStableCursor() {
        String actor = "pager-" + UUID.randomUUID();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(event(UUID.randomUUID(), actor, "environment:pay-" + i));
        }
        post(SERVICE, batch).statusCode(201);
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().auth().oauth2(ADMIN).queryParam("actor", actor).queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get("/api/v1/audit").then().statusCode(200).extract();
            seen.addAll(page.path("items.seq"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(5, seen.size());
        assertEquals(5, new HashSet<>(seen).size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i - 1) > seen.get(i), "newest first");
        }
        given().auth().oauth2(AUDITOR).queryParam("actor", actor).queryParam("resource", "environment:pay-3")
                .queryParam("team", "payments").queryParam("outcome", "success").queryParam("source", "catalog-service")
                .queryParam("from", "2026-03-01T10:00:00Z").queryParam("to", "2026-03-01T10:00:01Z")
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].resource", equalTo("environment:pay-3"))
                .body("nextCursor", nullValue());
        given().auth().oauth2(AUDITOR).queryParam("actor", actor).queryParam("team", "search")
                .when().get("/api/v1/audit").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void everyoneElseSeesOnlyTheirOwnEvents() {
        post(SERVICE, List.of(event(UUID.randomUUID(), "carol", "component:default/own"),
                event(UUID.randomUUID(), "frank", "component:default/own"))).statusCode(201);
        given().auth().oauth2(developer("carol")).queryParam("resource", "component:default/own")
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("items", hasSize(1)).body("items.actor", everyItem(equalTo("carol")));
        given().auth().oauth2(developer("carol")).queryParam("actor", "frank")
                .when().get("/api/v1/audit").then().statusCode(200).body("items", hasSize(0));
        assertProblem(given().when().get("/api/v1/audit").then(), 401);
    }

    @Test
    void badSearchParametersAreProblems() {
        ValidatableResponse r = given().auth().oauth2(AUDITOR).queryParam("limit", 0).queryParam("cursor", "zzz")
                .queryParam("from", "yesterday").queryParam("outcome", "maybe").queryParam("format", "xml")
                .when().get("/api/v1/audit").then();
        assertProblem(r, 400);
        r.body("violations.field", contains("from", "cursor", "limit", "outcome", "format"));
        assertProblem(given().auth().oauth2(AUDITOR).queryParam("limit", 501).when().get("/api/v1/audit").then(), 400);
    }

    @Test
    void exportsStreamCsvAndJsonLines() {
        String actor = "export-" + UUID.randomUUID();
        post(SERVICE, List.of(event(UUID.randomUUID(), actor, "a,\"quoted\""), event(UUID.randomUUID(), actor, "=cmd()")))
                .statusCode(201);
        String csv = given().auth().oauth2(AUDITOR).queryParam("actor", actor).queryParam("format", "csv")
                .when().get("/api/v1/audit").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("seq,event_id,occurred_at"));
        assertTrue(lines[1].contains(",'=cmd(),"), lines[1]);
        assertTrue(lines[2].contains(",\"a,\"\"quoted\"\"\","), lines[2]);
        String jsonl = given().auth().oauth2(AUDITOR).queryParam("actor", actor).queryParam("format", "jsonl")
                .when().get("/api/v1/audit").then().statusCode(200).extract().asString();
        assertEquals(2, jsonl.lines().count());
        assertTrue(jsonl.lines().allMatch(l -> l.contains("\"actor\":\"" + actor + "\"")));
    }

    @Test
    void verifyIsForAuditorsAndPlatformAdmins() {
        post(SERVICE, event(UUID.randomUUID(), "alice", "component:default/verify")).statusCode(201);
        given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/verify").then().statusCode(200)
                .body("ok", equalTo(true)).body("headHash", notNullValue()).body("problem", nullValue());
        given().auth().oauth2(ADMIN).when().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
        assertProblem(given().auth().oauth2(developer("alice")).when().get("/api/v1/audit/verify").then(), 403);
        assertProblem(given().when().get("/api/v1/audit/verify").then(), 401);
        assertProblem(given().auth().oauth2(AUDITOR).queryParam("checkpoint", 987654321)
                .when().get("/api/v1/audit/verify").then(), 404);
    }

    @Test
    void pruningOnDemandIsForPlatformAdmins() {
        given().auth().oauth2(ADMIN).when().post("/api/v1/audit/prune").then().statusCode(200)
                .body("prunedBefore", notNullValue());
        assertProblem(given().auth().oauth2(AUDITOR).when().post("/api/v1/audit/prune").then(), 403);
        assertProblem(given().when().post("/api/v1/audit/prune").then(), 401);
    }
}
