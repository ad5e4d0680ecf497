package dev.runway.access.rest;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;

import dev.runway.access.testing.DemoTeamLeads;
import dev.runway.common.testing.AuthorizationMatrixTests;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * access-service's authorization matrix (authorization/access-matrix.txt): every documented operation, for every
 * demo user and a service account, against access requests, grants and leads of team payments and team search,
 * decided by the real policy engine.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = Callers.DATABASE))
class AccessAuthorizationMatrixTest extends AuthorizationMatrixTests {
    private static final String REQUESTS = "/api/v1/access-requests/";

    /** The demo's team leads come from the demo's seeding, not from a migration: these tests seed them. */
    @BeforeEach
    void demoTeamLeads() {
        DemoTeamLeads.seed();
    }

    @Override
    protected String matrixResource() {
        return "authorization/access-matrix.txt";
    }

    /** The service that ingests audit events must be their source. */
    @Override
    protected String serviceClient() {
        return "catalog-service";
    }

    @Override
    protected Function<RequestSpecification, Response> prepare(Cell cell) {
        String team = cell.target();
        return switch (cell.operation().toString()) {
            case "GET /api/v1/ping" -> get("/api/v1/ping");
            case "GET /api/v1/decisions/reach" -> get("/api/v1/decisions/reach?action=provisioning.environment.read");
            case "GET /api/v1/me" -> get("/api/v1/me");
            case "GET /api/v1/teams" -> get("/api/v1/teams");
            case "GET /api/v1/teams/{name}" -> get("/api/v1/teams/" + team);
            case "POST /api/v1/teams/{name}/leads" -> {
                String lead = unique("lead");
                yield then(post(Map.of("username", lead), "/api/v1/teams/" + team + "/leads"),
                        () -> as(Callers.dave()).delete("/api/v1/teams/" + team + "/leads/" + lead));
            }
            case "DELETE /api/v1/teams/{name}/leads/{username}" -> {
                String lead = unique("lead");
                given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(Map.of("username", lead))
                        .when().post("/api/v1/teams/" + team + "/leads").then().statusCode(201);
                yield then(s -> s.delete("/api/v1/teams/" + team + "/leads/" + lead),
                        () -> as(Callers.dave()).delete("/api/v1/teams/" + team + "/leads/" + lead));
            }
            // Each caller asks once for this scope, so no request of the cell is a duplicate of a pending one.
            case "POST /api/v1/access-requests" -> s -> {
                Response created = post(accessRequest(team), "/api/v1/access-requests").apply(s);
                if (created.statusCode() == 201) {
                    withdraw(created.path("id"));
                }
                return created;
            };
            case "GET /api/v1/access-requests" -> get("/api/v1/access-requests");
            case "GET /api/v1/access-requests/{id}" -> {
                String id = pending(team);
                yield then(get(REQUESTS + id), () -> withdraw(id));
            }
            case "POST /api/v1/access-requests/{id}/approve" -> {
                String id = pending(team);
                yield then(post(Map.of("comment", "go ahead"), REQUESTS + id + "/approve"), () -> withdraw(id));
            }
            case "POST /api/v1/access-requests/{id}/deny" -> {
                String id = pending(team);
                yield then(post(Map.of("comment", "not needed"), REQUESTS + id + "/deny"), () -> withdraw(id));
            }
            case "GET /api/v1/grants" -> s -> s.queryParam("mine", !"all".equals(team)).get("/api/v1/grants");
            case "DELETE /api/v1/grants/{id}" -> {
                String id = given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                        .body(Map.of("comment", "granted")).when().post(REQUESTS + pending(team) + "/approve")
                        .then().statusCode(200).extract().path("grantId");
                yield then(s -> s.delete("/api/v1/grants/" + id), () -> as(Callers.dave()).delete("/api/v1/grants/" + id));
            }
            case "POST /api/v1/decisions" -> post(check(team), "/api/v1/decisions");
            case "POST /api/v1/decisions/batch" ->
                post(Map.of("checks", List.of(check(team), check(team))), "/api/v1/decisions/batch");
            case "GET /api/v1/role-bindings" -> get("/api/v1/role-bindings");
            case "POST /api/v1/role-bindings" -> s -> {
                Response created = post(binding("viewer"), "/api/v1/role-bindings").apply(s);
                if (created.statusCode() == 201) {
                    as(Callers.dave()).delete(created.header("Location"));
                }
                return created;
            };
            case "GET /api/v1/role-bindings/{id}" -> {
                String id = bound();
                yield then(get("/api/v1/role-bindings/" + id), () -> unbind(id));
            }
            case "PUT /api/v1/role-bindings/{id}" -> {
                String id = bound();
                Map<String, Object> body = binding("maintainer");
                yield then(s -> s.contentType(ContentType.JSON).body(body).put("/api/v1/role-bindings/" + id),
                        () -> unbind(id));
            }
            case "DELETE /api/v1/role-bindings/{id}" -> {
                String id = bound();
                yield then(s -> s.delete("/api/v1/role-bindings/" + id), () -> unbind(id));
            }
            case "GET /api/v1/audit" -> get("/api/v1/audit");
            case "GET /api/v1/audit/verify" -> get("/api/v1/audit/verify");
            case "POST /api/v1/audit/events" -> post(Map.of("eventId", UUID.randomUUID().toString(),
                    "occurredAt", "2026-03-01T10:00:00Z", "actor", "alice", "actorTeams", List.of("payments"),
                    "action", "entity.update", "resource", "component:default/" + unique("c"),
                    "outcome", "success", "sourceService", "catalog-service"), "/api/v1/audit/events");
            case "POST /api/v1/audit/prune" -> s -> s.post("/api/v1/audit/prune");
            default -> throw new IllegalStateException("no request for " + cell);
        };
    }

    /**
     * The cell's request, then {@code cleanup}: access-service's test classes share one database, so what a cell
     * leaves (pending requests, grants, leads, bindings) must not show up in another class's inbox or team.
     */
    private static Function<RequestSpecification, Response> then(Function<RequestSpecification, Response> request,
            Runnable cleanup) {
        return s -> {
            Response response = request.apply(s);
            cleanup.run();
            return response;
        };
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** Denies a request if it is still pending (a platform-admin may decide any). */
    private static void withdraw(String id) {
        as(Callers.dave()).contentType(ContentType.JSON).body(Map.of("comment", "matrix cell done"))
                .post(REQUESTS + id + "/deny");
    }

    private static void unbind(String id) {
        as(Callers.dave()).delete("/api/v1/role-bindings/" + id);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Function<RequestSpecification, Response> get(String path) {
        return s -> s.get(path);
    }

    private static Function<RequestSpecification, Response> post(Map<String, ?> body, String path) {
        Map<String, Object> copy = new HashMap<>(body);
        return s -> s.contentType(ContentType.JSON).body(copy).post(path);
    }

    private static Map<String, Object> accessRequest(String team) {
        return Map.of("role", "developer", "scope", "team:" + team, "duration", "PT8H",
                "justification", "pairing on INC-42");
    }

    /**
     * A pending request for developer on {@code team}, asked by a fresh developer of the other team (so that no demo
     * user is its requester).
     */
    private static String pending(String team) {
        String other = "payments".equals(team) ? "search" : "payments";
        String requester = TestTokens.user(unique("visitor"), List.of(other), "developer");
        return given().auth().oauth2(requester).contentType(ContentType.JSON).body(accessRequest(team))
                .when().post("/api/v1/access-requests").then().statusCode(201).extract().path("id");
    }

    /** A decision about reading the audit log, for the caller or ({@code other}) for dave. */
    private static Map<String, Object> check(String target) {
        Map<String, Object> check = new HashMap<>(Map.of("action", "audit.read", "resource", Map.of("id", "audit")));
        if ("other".equals(target)) {
            check.put("subject", Map.of("name", "dave", "teams", List.of(), "roles", List.of("platform-admin")));
        }
        return check;
    }

    private static Map<String, Object> binding(String role) {
        return Map.of("subject", "user:" + unique("grace"), "role", role, "scope", "team:payments");
    }

    private static String bound() {
        String location = given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(binding("viewer"))
                .when().post("/api/v1/role-bindings").then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
