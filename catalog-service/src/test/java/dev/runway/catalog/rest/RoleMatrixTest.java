package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.ERIN;
import static dev.runway.catalog.rest.CatalogTestSupport.NOBODY;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.component;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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
 * Every endpoint against every kind of caller: no token 401; a token without a Runway role 403; an auditor may
 * read but not write; developers and platform-admins may do both (the owning-team rule is tested elsewhere).
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class RoleMatrixTest {
    private static final String SERVICE = TestTokens.service("provisioning-service");

    /** Each call creates what it needs, so each cell of the matrix is independent. */
    static Stream<Arguments> matrix() {
        return Stream.of(
                endpoint("GET list", t -> as(t).get("/api/v1/entities"), 200, 200, 200),
                endpoint("GET facets", t -> as(t).queryParam("field", "kind").get("/api/v1/entities/facets"), 200, 200, 200),
                endpoint("GET export", t -> as(t).get("/api/v1/entities/export"), 200, 200, 200),
                endpoint("GET entity", t -> as(t).get(existing()), 200, 200, 200),
                endpoint("GET history", t -> as(t).get(existing() + "/history"), 200, 200, 200),
                endpoint("GET graph", t -> as(t).get(existing() + "/graph"), 200, 200, 200),
                endpoint("POST validate", t -> yaml(t, component("v", "payments")).post("/api/v1/entities/validate"),
                        200, 200, 200),
                endpoint("POST create", t -> yaml(t, component(unique("m"), "payments")).post("/api/v1/entities"),
                        201, 403, 403),
                endpoint("POST import", t -> yaml(t, component(unique("m"), "payments"))
                        .post("/api/v1/entities/import"), 200, 403, 422),
                endpoint("PUT entity", t -> {
                    String name = unique("m");
                    String etag = yaml(DAVE, component(name, "payments")).post("/api/v1/entities").header("ETag");
                    return yaml(t, component(name, "payments").replace("production", "deprecated"))
                            .header("If-Match", etag).put("/api/v1/entities/component/default/" + name);
                }, 200, 403, 403),
                endpoint("DELETE entity", t -> as(t).delete(existing()), 204, 403, 403));
    }

    private static String existing() {
        String name = unique("m");
        yaml(DAVE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201);
        return "/api/v1/entities/component/default/" + name;
    }

    /**
     * @param service the answer to a Runway service account: access-service's policy has no built-in rule letting
     *                services write, so a service writes only where a role binding allows it (none here)
     */
    private static Arguments endpoint(String name, Function<String, Response> call, int allowed, int auditor,
            int service) {
        return Arguments.of(name, call, allowed, auditor, service);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void roles(String name, Function<String, Response> call, int allowed, int auditor, int service) {
        call.apply(null).then().statusCode(401).contentType(startsWith("application/problem+json"));
        call.apply(NOBODY).then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
        call.apply(ERIN).then().statusCode(auditor);
        call.apply(ALICE).then().statusCode(allowed);
        call.apply(DAVE).then().statusCode(allowed);
        call.apply(SERVICE).then().statusCode(service);
    }
}
