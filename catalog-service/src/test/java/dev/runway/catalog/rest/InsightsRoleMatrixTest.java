package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.ERIN;
import static dev.runway.catalog.rest.CatalogTestSupport.NOBODY;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.InsightsTestSupport.ago;
import static dev.runway.catalog.rest.InsightsTestSupport.deployment;
import static dev.runway.catalog.rest.InsightsTestSupport.incident;
import static dev.runway.catalog.rest.InsightsTestSupport.json;
import static dev.runway.catalog.rest.InsightsTestSupport.registeredComponent;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every insights endpoint against every kind of caller: no token 401, no Runway role 403; reads for every role;
 * recording events for members of the owning team (alice, payments), platform-admins and service accounts, not
 * auditors; scorecard definitions for platform-admins only. Owning-team denials are in DeploymentIncidentResourceTest.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class InsightsRoleMatrixTest {
    private static final String SERVICE = TestTokens.service("provisioning-service");

    static Stream<Arguments> matrix() {
        return Stream.of(
                endpoint("GET deployments", t -> as(t).get("/api/v1/deployments"), 200, 200, 200, 200),
                endpoint("GET deployment", t -> as(t).get("/api/v1/deployments/" + deployed()), 200, 200, 200, 200),
                endpoint("POST deployment", t -> json(t, deployment(registeredComponent("payments"),
                        Duration.ofHours(1))).post("/api/v1/deployments"), 201, 201, 403, 201),
                endpoint("GET incidents", t -> as(t).get("/api/v1/incidents?open=true"), 200, 200, 200, 200),
                endpoint("GET incident", t -> as(t).get("/api/v1/incidents/" + opened()), 200, 200, 200, 200),
                endpoint("POST incident", t -> json(t, incident(registeredComponent("payments"),
                        Duration.ofHours(1))).post("/api/v1/incidents"), 201, 201, 403, 201),
                endpoint("PATCH incident", t -> json(t, Map.of("resolvedAt", ago(Duration.ZERO).toString()))
                        .patch("/api/v1/incidents/" + opened()), 200, 200, 403, 200),
                endpoint("GET dora", t -> as(t).get("/api/v1/dora?team=payments"), 200, 200, 200, 200),
                endpoint("GET entity scorecard", t -> as(t).get("/api/v1/scorecards/component/default/"
                        + registeredComponent("payments")), 200, 200, 200, 200),
                endpoint("GET team scorecards", t -> as(t).get("/api/v1/scorecards?team=payments"), 200, 200, 200, 200),
                endpoint("GET definitions", t -> as(t).get("/api/v1/scorecard-definitions"), 200, 200, 200, 200),
                endpoint("GET definition", t -> as(t).get("/api/v1/scorecard-definitions/default"), 200, 200, 200, 200),
                endpoint("PUT definition", t -> json(t, card()).put("/api/v1/scorecard-definitions/" + unique("c")),
                        403, 201, 403, 403),
                endpoint("DELETE definition", t -> as(t).delete("/api/v1/scorecard-definitions/" + defined()),
                        403, 204, 403, 403));
    }

    private static Map<String, Object> card() {
        return Map.of("title", "t", "appliesTo", List.of("Component"), "rules",
                List.of(Map.of("id", "r", "description", "d", "level", "bronze", "check", "has_tags")));
    }

    private static String defined() {
        String id = unique("c");
        json(DAVE, card()).put("/api/v1/scorecard-definitions/" + id).then().statusCode(201);
        return id;
    }

    private static String deployed() {
        Map<String, Object> body = deployment(registeredComponent("payments"), Duration.ofHours(1));
        json(DAVE, body).post("/api/v1/deployments").then().statusCode(201);
        return (String) body.get("externalId");
    }

    private static String opened() {
        Map<String, Object> body = incident(registeredComponent("payments"), Duration.ofHours(1));
        json(DAVE, body).post("/api/v1/incidents").then().statusCode(201);
        return (String) body.get("externalId");
    }

    private static Arguments endpoint(String name, Function<String, Response> call, int alice, int dave, int auditor,
            int service) {
        return Arguments.of(name, call, alice, dave, auditor, service);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void roles(String name, Function<String, Response> call, int alice, int dave, int auditor, int service) {
        call.apply(null).then().statusCode(401).contentType(startsWith("application/problem+json"));
        call.apply(NOBODY).then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
        call.apply(ERIN).then().statusCode(auditor);
        call.apply(ALICE).then().statusCode(alice);
        call.apply(DAVE).then().statusCode(dave);
        call.apply(SERVICE).then().statusCode(service);
    }
}
