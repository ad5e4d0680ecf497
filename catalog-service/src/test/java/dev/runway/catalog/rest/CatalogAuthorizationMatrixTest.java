package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.component;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static dev.runway.catalog.rest.InsightsTestSupport.deployment;
import static dev.runway.catalog.rest.InsightsTestSupport.incident;
import static dev.runway.catalog.rest.InsightsTestSupport.json;
import static dev.runway.catalog.rest.InsightsTestSupport.registeredComponent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import dev.runway.common.testing.AuthorizationMatrixTests;
import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * catalog-service's authorization matrix (authorization/catalog-matrix.txt): every documented operation, for every
 * demo user and a service account, against Components owned by team payments or team search, with the real
 * decision rules of access-service's double.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class CatalogAuthorizationMatrixTest extends AuthorizationMatrixTests {
    private static final String COMPONENTS = "/api/v1/entities/component/default/";

    @Override
    protected String matrixResource() {
        return "authorization/catalog-matrix.txt";
    }

    /**
     * Backstage's API under /api/catalog answers its errors in Backstage's format, where this matrix expects
     * problem+json: its operations are classified by BackstageRoleMatrixTest instead.
     */
    @Override
    protected Set<Operation> documentedOperations() throws IOException {
        Set<Operation> operations = new TreeSet<>(super.documentedOperations());
        operations.removeIf(o -> o.path().startsWith("/api/catalog/"));
        return operations;
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
            case "GET /api/v1/entities" -> s -> s.get("/api/v1/entities");
            case "GET /api/v1/entities/facets" -> s -> s.queryParam("field", "owner").get("/api/v1/entities/facets");
            case "GET /api/v1/entities/export" -> s -> s.get("/api/v1/entities/export");
            case "POST /api/v1/entities/validate" ->
                s -> asYaml(s, component(unique("v"), team)).post("/api/v1/entities/validate");
            case "POST /api/v1/entities" -> s -> asYaml(s, component(unique("c"), team)).post("/api/v1/entities");
            case "POST /api/v1/entities/import" -> {
                // Target team, or from>to: an entity of one team imported under another.
                String[] owners = team.split(">");
                String name = owners.length > 1 ? registeredComponent(owners[0]) : unique("i");
                String body = component(name, owners[owners.length - 1]);
                yield s -> asYaml(s, body).post("/api/v1/entities/import");
            }
            case "GET /api/v1/entities/{kind}/{namespace}/{name}" -> get(COMPONENTS + registeredComponent(team));
            case "GET /api/v1/entities/{kind}/{namespace}/{name}/history" ->
                get(COMPONENTS + registeredComponent(team) + "/history");
            case "GET /api/v1/entities/{kind}/{namespace}/{name}/graph" ->
                get(COMPONENTS + registeredComponent(team) + "/graph");
            case "PUT /api/v1/entities/{kind}/{namespace}/{name}" -> replace(team);
            case "DELETE /api/v1/entities/{kind}/{namespace}/{name}" -> {
                String name = registeredComponent(team);
                yield s -> s.delete(COMPONENTS + name);
            }
            case "GET /api/v1/dora" -> s -> s.queryParam("team", team).get("/api/v1/dora");
            case "GET /api/v1/deployments" -> get("/api/v1/deployments");
            case "GET /api/v1/deployments/{externalId}" -> {
                Map<String, Object> body = deployment(registeredComponent(team), Duration.ofHours(1));
                json(DAVE, body).post("/api/v1/deployments").then().statusCode(201);
                yield get("/api/v1/deployments/" + body.get("externalId"));
            }
            case "POST /api/v1/deployments" -> {
                Map<String, Object> body = deployment(registeredComponent(team), Duration.ofHours(1));
                yield s -> s.contentType("application/json").body(body).post("/api/v1/deployments");
            }
            case "GET /api/v1/incidents" -> get("/api/v1/incidents");
            case "GET /api/v1/incidents/{externalId}" -> get("/api/v1/incidents/" + opened(team));
            case "POST /api/v1/incidents" -> {
                Map<String, Object> body = incident(registeredComponent(team), Duration.ofHours(1));
                yield s -> s.contentType("application/json").body(body).post("/api/v1/incidents");
            }
            case "PATCH /api/v1/incidents/{externalId}" -> {
                String id = opened(team);
                yield s -> s.contentType("application/json").body(Map.of("resolvedAt", Instant.now().toString()))
                        .patch("/api/v1/incidents/" + id);
            }
            case "GET /api/v1/scorecards" -> s -> s.queryParam("team", team).get("/api/v1/scorecards");
            case "GET /api/v1/scorecards/{kind}/{namespace}/{name}" ->
                get("/api/v1/scorecards/component/default/" + registeredComponent(team));
            case "GET /api/v1/scorecard-definitions" -> get("/api/v1/scorecard-definitions");
            case "GET /api/v1/scorecard-definitions/{id}" -> get("/api/v1/scorecard-definitions/default");
            case "PUT /api/v1/scorecard-definitions/{id}" -> {
                String id = unique("card");
                yield s -> s.contentType("application/json").body(card()).put("/api/v1/scorecard-definitions/" + id);
            }
            case "DELETE /api/v1/scorecard-definitions/{id}" -> {
                String id = unique("card");
                json(DAVE, card()).put("/api/v1/scorecard-definitions/" + id).then().statusCode(201);
                yield s -> s.delete("/api/v1/scorecard-definitions/" + id);
            }
            case "GET /api/v1/kinds" -> get("/api/v1/kinds");
            case "GET /api/v1/kinds/{kind}" -> get("/api/v1/kinds/Template");
            case "PUT /api/v1/kinds/{kind}" -> {
                String kind = KindResourceTest.kindName("Matrix");
                yield s -> s.contentType("application/json").body(KindResourceTest.pipelineKind())
                        .put("/api/v1/kinds/" + kind);
            }
            case "DELETE /api/v1/kinds/{kind}" -> {
                String kind = KindResourceTest.kindName("Matrix");
                json(DAVE, KindResourceTest.pipelineKind()).put("/api/v1/kinds/" + kind).then().statusCode(201);
                yield s -> s.delete("/api/v1/kinds/" + kind);
            }
            default -> throw new IllegalStateException("no request for " + cell);
        };
    }

    /** Target {@code team}, or {@code from>to} to move the entity from one owner to another. */
    private static Function<RequestSpecification, Response> replace(String target) {
        String[] owners = target.split(">");
        String name = unique("r");
        String etag = yaml(DAVE, component(name, owners[0])).post("/api/v1/entities").then().statusCode(201)
                .extract().header("ETag");
        String body = component(name, owners[owners.length - 1]).replace("production", "deprecated");
        return s -> asYaml(s, body).header("If-Match", etag).put(COMPONENTS + name);
    }

    private static String opened(String team) {
        Map<String, Object> body = incident(registeredComponent(team), Duration.ofHours(1));
        json(DAVE, body).post("/api/v1/incidents").then().statusCode(201);
        return (String) body.get("externalId");
    }

    private static Function<RequestSpecification, Response> get(String path) {
        return s -> s.get(path);
    }

    private static RequestSpecification asYaml(RequestSpecification spec, String body) {
        return spec.config(RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .contentType("application/yaml").body(body);
    }

    private static Map<String, Object> card() {
        return Map.of("title", "t", "appliesTo", List.of("Component"), "rules",
                List.of(Map.of("id", "r", "description", "d", "level", "bronze", "check", "has_tags")));
    }
}
