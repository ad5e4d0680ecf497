package dev.runway.provisioning.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.common.policy.Actions;
import dev.runway.common.testing.PolicyDecisionDouble;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;

/** Keyset pages of environments, databases and events: every visible item once, caps enforced, bounds documented. */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class RequestPagingTest {

    /** {@code perTeam} environments for each of the teams (the test quota is 3 per team), newest last. */
    private static List<String> environments(List<String> teams, int perTeam) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < perTeam; i++) {
            for (String team : teams) {
                ids.add(EnvironmentResourceTest.post(EnvironmentResourceTest.member("alice", team),
                        Map.of("name", "page-" + i, "team", team, "template", "ephemeral"))
                        .then().statusCode(202).extract().path("id"));
            }
        }
        return ids;
    }

    private static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(i -> (String) i.get("id")).toList();
    }

    @Test
    void pagesWalkEveryVisibleEnvironmentOnceNewestFirst() {
        List<String> teams = List.of(EnvironmentResourceTest.team(), EnvironmentResourceTest.team(),
                EnvironmentResourceTest.team(), EnvironmentResourceTest.team());
        List<String> created = environments(teams, 3);
        // Others' environments, created in between and after, are not the caller's to see.
        environments(List.of(EnvironmentResourceTest.team()), 2);
        String member = TestTokens.user("pager", teams, "developer");

        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        for (int limit : List.of(1, 5, 12, 200)) {
            List<Map<String, Object>> walked = Pages.all(member, "/api/v1/environments", limit);
            assertEquals(newestFirst, ids(walked), "limit " + limit + ": each once, newest first");
        }

        List<Instant> createdAt = Pages.all(member, "/api/v1/environments", 5).stream()
                .map(i -> Instant.parse((String) i.get("createdAt"))).toList();
        for (int i = 1; i < createdAt.size(); i++) {
            assertTrue(!createdAt.get(i).isAfter(createdAt.get(i - 1)), "newest first");
        }
    }

    @Test
    void visibilityIsAppliedBeforeThePageIsCut() {
        String mine = EnvironmentResourceTest.team();
        String theirs = EnvironmentResourceTest.team();
        List<String> all = environments(List.of(mine, theirs), 3);
        String member = EnvironmentResourceTest.member("bob", mine);

        // Full pages of the caller's team only, though the other team's rows sit between them.
        ValidatableResponse first = given().auth().oauth2(member).queryParam("limit", 2)
                .when().get("/api/v1/environments").then().statusCode(200)
                .body("items", hasSize(2)).body("items.team", contains(mine, mine)).body("nextCursor", notNullValue());
        String cursor = first.extract().path("nextCursor");
        given().auth().oauth2(member).queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/api/v1/environments").then().statusCode(200)
                .body("items", hasSize(1)).body("items.team", contains(mine)).body("nextCursor", nullValue());

        List<String> seen = ids(Pages.all(member, "/api/v1/environments", 2));
        assertEquals(List.of(all.get(4), all.get(2), all.get(0)), seen);

        // Someone else's cursor shows nothing the caller may not see.
        String adminCursor = given().auth().oauth2(Tokens.DAVE).queryParam("limit", 1)
                .when().get("/api/v1/environments").then().statusCode(200).extract().path("nextCursor");
        given().auth().oauth2(member).queryParam("cursor", adminCursor).queryParam("limit", 200)
                .when().get("/api/v1/environments").then().statusCode(200)
                .body("items.team.unique()", contains(mine));
    }

    @Test
    void aMembersListReadsAndDecidesOnlyTheRowsWithinItsReach() {
        String mine = EnvironmentResourceTest.team();
        List<String> others = List.of(EnvironmentResourceTest.team(), EnvironmentResourceTest.team());
        List<String> own = environments(List.of(mine), 2);
        environments(others, 3);
        String member = EnvironmentResourceTest.member("alice", mine);

        PolicyDecisionDouble.reset();
        List<String> seen = ids(Pages.all(member, "/api/v1/environments", 200));
        assertEquals(List.of(own.get(1), own.get(0)), seen);
        // One reach question, then decisions only for the caller's team's rows: not for the other teams' six, nor
        // for the rest of the table.
        assertEquals(List.of(Actions.ENVIRONMENT_READ), PolicyDecisionDouble.reached().stream()
                .map(PolicyDecisionDouble.Reached::action).toList());
        List<String> decidedOwners = PolicyDecisionDouble.asked().stream().map(a -> a.request().resource().owner())
                .distinct().toList();
        assertEquals(List.of(mine), decidedOwners);
        PolicyDecisionDouble.reset();
    }

    @Inject
    ProvisioningRequestRepository requests;

    @Test
    @Transactional
    void candidatesWithinAReachAreTheTeamsRowsAndTheNamedEnvironmentsAndTheirDatabases() {
        String team = EnvironmentResourceTest.team();
        String other = EnvironmentResourceTest.team();
        UUID teamEnvironment = UUID.fromString(environments(List.of(team), 1).get(0));
        UUID otherEnvironment = UUID.fromString(environments(List.of(other), 1).get(0));
        UUID otherDatabase = UUID.fromString(given().auth().oauth2(Tokens.DAVE).contentType(ContentType.JSON)
                .body(Map.of("name", "d" + UUID.randomUUID().toString().substring(0, 8), "team", other, "engine", "postgresql",
                        "environment", otherEnvironment.toString()))
                .when().post("/api/v1/databases").then().statusCode(202).extract().path("id"));

        assertEquals(List.of(teamEnvironment), requestIds(requests.pageByKindWithin(RequestKind.ENVIRONMENT, null, 200,
                List.of(team), List.of())));
        assertEquals(List.of(otherEnvironment, teamEnvironment), requestIds(requests.pageByKindWithin(
                RequestKind.ENVIRONMENT, null, 200, List.of(team), List.of(otherEnvironment))));
        assertEquals(List.of(otherDatabase), requestIds(requests.pageByKindWithin(RequestKind.DATABASE, null, 200,
                List.of(), List.of(otherEnvironment))));
        assertEquals(List.of(), requestIds(requests.pageByKindWithin(RequestKind.DATABASE, null, 200, List.of(team),
                List.of())));
        assertEquals(List.of(), requests.pageByKindWithin(RequestKind.ENVIRONMENT, null, 200, List.of(), List.of()));
    }

    private static List<UUID> requestIds(List<ProvisioningRequest> rows) {
        return rows.stream().map(ProvisioningRequest::id).toList();
    }

    @Test
    void platformAdminsWalkEveryEnvironmentOnce() {
        List<String> created = environments(List.of(EnvironmentResourceTest.team(), EnvironmentResourceTest.team()), 3);
        List<String> walked = ids(Pages.all(Tokens.DAVE, "/api/v1/environments", 7));
        assertEquals(walked.size(), new HashSet<>(walked).size(), "no environment twice");
        assertTrue(walked.containsAll(created));
        assertEquals(ids(Pages.all(Tokens.DAVE, "/api/v1/environments", 200)), walked, "page size changes nothing");
    }

    @Test
    void eventsArePagedOldestFirst() {
        String team = EnvironmentResourceTest.team();
        String token = EnvironmentResourceTest.member("alice", team);
        String id = environments(List.of(team), 1).get(0);
        String path = "/api/v1/requests/" + id + "/events";
        given().auth().oauth2(token).queryParam("limit", 1).when().get(path).then().statusCode(200)
                .body("items.to", contains("REQUESTED")).body("nextCursor", notNullValue());
        List<Object> to = Pages.all(token, path, 1).stream().map(e -> e.get("to")).toList();
        assertEquals(List.of("REQUESTED", "APPROVED"), to);
        given().auth().oauth2(token).when().get(path).then().statusCode(200)
                .body("items.to", contains("REQUESTED", "APPROVED")).body("nextCursor", nullValue());
        // Another team's request stays hidden, whatever the page.
        given().auth().oauth2(Tokens.CAROL).queryParam("limit", 1).when().get(path).then().statusCode(404);
    }

    @Test
    void limitOutOfRangeOrNotANumberIsRefusedNamingIt() {
        String team = EnvironmentResourceTest.team();
        String events = "/api/v1/requests/" + environments(List.of(team), 1).get(0) + "/events";
        for (String path : List.of("/api/v1/environments", "/api/v1/databases", events)) {
            for (String limit : List.of("0", "-1", "201", "1000000", "ten", "1.5")) {
                problem(given().auth().oauth2(Tokens.DAVE).queryParam("limit", limit).when().get(path).then())
                        .body("violations.field", contains("limit"));
            }
            given().auth().oauth2(Tokens.DAVE).queryParam("limit", 200).when().get(path).then().statusCode(200);
        }
    }

    @Test
    void malformedOrForeignCursorIsRefusedNamingIt() {
        String team = EnvironmentResourceTest.team();
        List<String> ids = environments(List.of(team), 2);
        String token = EnvironmentResourceTest.member("alice", team);
        String environmentCursor = given().auth().oauth2(token).queryParam("limit", 1)
                .when().get("/api/v1/environments").then().statusCode(200).extract().path("nextCursor");
        String eventCursor = given().auth().oauth2(token).queryParam("limit", 1)
                .when().get("/api/v1/requests/" + ids.get(0) + "/events").then().statusCode(200)
                .extract().path("nextCursor");
        Map<String, List<String>> refused = Map.of(
                "/api/v1/environments", List.of("zzz", "!!", eventCursor, "RU5WSVJPTk1FTlQKeAp5"),
                "/api/v1/databases", List.of("zzz", environmentCursor, eventCursor),
                "/api/v1/requests/" + ids.get(0) + "/events", List.of("zzz", environmentCursor, "RVZFTlQKeA"));
        for (Map.Entry<String, List<String>> e : refused.entrySet()) {
            for (String cursor : e.getValue()) {
                problem(given().auth().oauth2(token).queryParam("cursor", cursor).when().get(e.getKey()).then())
                        .body("violations.field", contains("cursor"));
            }
        }
        problem(given().auth().oauth2(token).queryParam("cursor", "zzz").queryParam("limit", 0)
                .when().get("/api/v1/environments").then())
                .body("violations.field", contains("limit", "cursor"));
    }

    @Test
    void openApiDocumentsThePageParameters() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(given().when().get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString()).path("paths");
        for (String path : List.of("/api/v1/environments", "/api/v1/databases", "/api/v1/requests/{id}/events")) {
            Map<String, JsonNode> parameters = new HashMap<>();
            paths.path(path).path("get").path("parameters").forEach(p -> parameters.put(p.path("name").asText(), p));
            JsonNode limit = parameters.get("limit");
            assertEquals("query", limit.path("in").asText(), path);
            assertEquals(1, limit.path("schema").path("minimum").asInt(), path);
            assertEquals(200, limit.path("schema").path("maximum").asInt(), path);
            assertEquals(50, limit.path("schema").path("default").asInt(), path);
            assertTrue(limit.path("description").asText().contains("runway.provisioning.max-page-size"), path);
            assertTrue(parameters.get("cursor").path("description").asText().contains("nextCursor"), path);
            assertTrue(paths.path(path).path("get").path("responses").has("400"), path);
        }
        Set<String> templateParameters = new HashSet<>();
        paths.path("/api/v1/templates").path("get").path("parameters")
                .forEach(p -> templateParameters.add(p.path("name").asText()));
        assertEquals(Set.of(), templateParameters, "templates are a small fixed set, listed whole");
    }

    private static ValidatableResponse problem(ValidatableResponse response) {
        return response.statusCode(400).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400)).body("type", equalTo("https://runway.dev/problems/invalid-input"));
    }
}
