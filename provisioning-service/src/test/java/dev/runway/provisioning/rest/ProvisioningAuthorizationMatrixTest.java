package dev.runway.provisioning.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.AuthorizationMatrixTests;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import dev.runway.provisioning.driver.TargetPostgresResource;
import dev.runway.provisioning.reconciler.Reconciler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * provisioning-service's authorization matrix (authorization/provisioning-matrix.txt): every documented operation,
 * for every demo user and a service account, against environments, databases and approval requests of team payments
 * and team search, with the real decision rules of access-service's double.
 */
@QuarkusTest
@TestProfile(ProvisioningAuthorizationMatrixTest.RoomyQuotas.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(TargetPostgresResource.class)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class ProvisioningAuthorizationMatrixTest extends AuthorizationMatrixTests {
    /** The matrix creates a few dozen environments and databases for each of the two demo teams. */
    public static class RoomyQuotas implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("runway.provisioning.quota.environments", "1000",
                    "runway.provisioning.quota.databases", "1000",
                    "runway.provisioning.quota.cpu-millis", "100000000",
                    "runway.provisioning.quota.memory-mib", "100000000");
        }
    }

    @Inject
    Reconciler reconciler;

    @Override
    protected String matrixResource() {
        return "authorization/provisioning-matrix.txt";
    }

    @Override
    protected boolean decisionsFromDouble() {
        return true;
    }

    @Override
    protected Function<RequestSpecification, Response> prepare(Cell cell) {
        String team = cell.target();
        return switch (cell.operation().toString()) {
            case "GET /api/v1/ping" -> s -> s.get("/api/v1/ping");
            case "GET /api/v1/templates" -> s -> s.get("/api/v1/templates");
            case "GET /api/v1/templates/{id}" -> s -> s.get("/api/v1/templates/ephemeral");
            case "GET /api/v1/environments" -> {
                environment(team);
                yield s -> s.get("/api/v1/environments");
            }
            case "POST /api/v1/environments" -> json(Map.of("name", unique(), "team", team, "template", "ephemeral"),
                    "/api/v1/environments");
            case "GET /api/v1/environments/{id}" -> get("/api/v1/environments/" + environment(team));
            case "DELETE /api/v1/environments/{id}" -> {
                UUID id = environment(team);
                yield s -> s.delete("/api/v1/environments/" + id);
            }
            case "POST /api/v1/environments/{id}/extend" ->
                json(Map.of("ttl", "PT48H"), "/api/v1/environments/" + environment(team) + "/extend");
            case "POST /api/v1/environments/{id}/retry" ->
                json(Map.of(), "/api/v1/environments/" + environment(team) + "/retry");
            case "GET /api/v1/requests/{id}/events" -> get("/api/v1/requests/" + environment(team) + "/events");
            case "POST /api/v1/requests/{id}/approve" ->
                json(Map.of("reason", "ready"), "/api/v1/requests/" + pendingProduction(team) + "/approve");
            case "POST /api/v1/requests/{id}/deny" ->
                json(Map.of("reason", "not now"), "/api/v1/requests/" + pendingProduction(team) + "/deny");
            case "GET /api/v1/databases" -> {
                database(team, false);
                yield s -> s.get("/api/v1/databases");
            }
            case "POST /api/v1/databases" -> {
                // "<team>-in-<other>-env": a database for <team> in an environment of <other>.
                String[] words = team.split("-");
                UUID environment = environment(words.length > 1 ? words[2] : team);
                yield json(Map.of("name", unique(), "team", words[0], "engine", "postgresql",
                        "environment", environment.toString()), "/api/v1/databases");
            }
            case "GET /api/v1/databases/{id}" -> get("/api/v1/databases/" + database(team, false));
            case "GET /api/v1/databases/{id}/credentials" ->
                get("/api/v1/databases/" + database(team, true) + "/credentials");
            case "POST /api/v1/databases/{id}/rotate" ->
                json(Map.of(), "/api/v1/databases/" + database(team, true) + "/rotate");
            case "DELETE /api/v1/databases/{id}" -> {
                UUID id = database(team, false);
                yield s -> s.delete("/api/v1/databases/" + id);
            }
            case "POST /api/v1/databases/{id}/extend" ->
                json(Map.of("ttl", "PT48H"), "/api/v1/databases/" + database(team, false) + "/extend");
            case "POST /api/v1/databases/{id}/retry" ->
                json(Map.of(), "/api/v1/databases/" + database(team, false) + "/retry");
            default -> throw new IllegalStateException("no request for " + cell);
        };
    }

    /** The lists answer 200 to everyone in the matrix; what they hold is the object-level part. */
    @Test
    void listsHoldNoOtherTeamsEnvironmentsOrDatabases() {
        Map<String, UUID> databases = Map.of("payments", database("payments", false), "search", database("search", false));
        for (String caller : List.of("alice", "carol")) {
            String other = "alice".equals(caller) ? "search" : "payments";
            for (String kind : List.of("environments", "databases")) {
                List<Object> teams = Pages.all(token(caller), "/api/v1/" + kind, 200).stream().map(i -> i.get("team"))
                        .toList();
                assertFalse(teams.isEmpty(), caller + " sees her own team's " + kind);
                assertFalse(teams.contains(other), caller + " sees " + other + "'s " + kind);
            }
            assertTrue(Pages.all(token("erin"), "/api/v1/databases", 200).stream().map(i -> i.get("id")).toList()
                    .containsAll(List.of(databases.get("payments").toString(), databases.get("search").toString())),
                    "erin, an auditor, sees both teams' databases");
        }
    }

    private static String unique() {
        return "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Function<RequestSpecification, Response> get(String path) {
        return s -> s.get(path);
    }

    private static Function<RequestSpecification, Response> json(Map<String, ?> body, String path) {
        Map<String, Object> copy = new HashMap<>(body);
        return s -> s.contentType(ContentType.JSON).body(copy).post(path);
    }

    /** An ephemeral environment of {@code team}, requested by a platform-admin (so APPROVED, not yet reconciled). */
    private static UUID environment(String team) {
        return UUID.fromString(given().auth().oauth2(Tokens.DAVE).contentType(ContentType.JSON)
                .body(Map.of("name", unique(), "team", team, "template", "ephemeral"))
                .when().post("/api/v1/environments").then().statusCode(202).extract().path("id"));
    }

    /** A production environment of {@code team} requested by its developer (alice or carol), pending approval. */
    private static UUID pendingProduction(String team) {
        String requester = TestTokens.user("payments".equals(team) ? "alice" : "carol", List.of(team), "developer");
        return UUID.fromString(given().auth().oauth2(requester).contentType(ContentType.JSON)
                .body(Map.of("name", unique(), "team", team, "template", "production"))
                .when().post("/api/v1/environments").then().statusCode(202).extract().path("id"));
    }

    /** A PostgreSQL database of {@code team} in a fresh environment; READY on the target server if asked. */
    private UUID database(String team, boolean ready) {
        UUID environment = environment(team);
        UUID database = UUID.fromString(given().auth().oauth2(Tokens.DAVE).contentType(ContentType.JSON)
                .body(Map.of("name", unique(), "team", team, "engine", "postgresql",
                        "environment", environment.toString()))
                .when().post("/api/v1/databases").then().statusCode(202).extract().path("id"));
        if (ready) {
            reconciler.drive(environment);
            reconciler.drive(database);
            given().auth().oauth2(Tokens.DAVE).when().get("/api/v1/databases/" + database).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("READY"));
        }
        return database;
    }
}
