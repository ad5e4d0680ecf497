package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.BOB;
import static dev.runway.catalog.rest.CatalogTestSupport.CAROL;
import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.ERIN;
import static dev.runway.catalog.rest.CatalogTestSupport.NOBODY;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.component;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
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
 * The roles of /api/catalog are those of /api/v1/entities: no token 401 and a token without a Runway role 403, both in
 * Backstage's error format; reads for every Runway role; delete for developers of the owning team and platform-admins
 * only, decided by Runway's policy. (CatalogAuthorizationMatrixTest expects problem+json, which this API does not
 * answer, so its operations are classified here.)
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class BackstageRoleMatrixTest {
    private static final String API = "/api/catalog";
    private static final String SERVICE = TestTokens.service("provisioning-service");

    /** Each call creates what it needs (a Component of team payments), so each cell stands alone. */
    static Stream<Arguments> matrix() {
        return Stream.of(
                endpoint("GET entities", t -> as(t).get(API + "/entities?limit=1"), 200, 200),
                endpoint("GET by-query", t -> as(t).get(API + "/entities/by-query"), 200, 200),
                endpoint("GET by-name", t -> as(t).get(API + "/entities/by-name/component/default/" + created()), 200,
                        200),
                endpoint("GET ancestry", t -> as(t).get(API + "/entities/by-name/component/default/" + created()
                        + "/ancestry"), 200, 200),
                endpoint("GET by-uid", t -> as(t).get(API + "/entities/by-uid/" + uid(created())), 200, 200),
                endpoint("DELETE by-uid", t -> as(t).delete(API + "/entities/by-uid/" + uid(created())), 204, 403),
                endpoint("POST by-refs", t -> as(t).contentType("application/json")
                        .body(Map.of("entityRefs", List.of("component:default/" + created())))
                        .post(API + "/entities/by-refs"), 200, 200),
                endpoint("GET entity-facets", t -> as(t).get(API + "/entity-facets?facet=kind"), 200, 200),
                endpoint("POST validate-entity", t -> as(t).contentType("application/json")
                        .body(Map.of("location", "url:https://git/x", "entity", Map.of("apiVersion",
                                "backstage.io/v1alpha1", "kind", "Group", "metadata", Map.of("name", "g"), "spec",
                                Map.of("type", "team", "children", List.of()))))
                        .post(API + "/validate-entity"), 200, 200),
                endpoint("POST refresh", t -> as(t).contentType("application/json")
                        .body(Map.of("entityRef", "component:default/" + created())).post(API + "/refresh"), 200, 403),
                endpoint("GET locations", t -> as(t).get(API + "/locations"), 501, 501),
                endpoint("POST locations", t -> as(t).contentType("application/json")
                        .body(Map.of("type", "url", "target", "https://git/x")).post(API + "/locations"), 501, 403),
                endpoint("GET location", t -> as(t).get(API + "/locations/1"), 501, 501),
                endpoint("DELETE location", t -> as(t).delete(API + "/locations/1"), 501, 403),
                endpoint("GET location by entity", t -> as(t).get(API + "/locations/by-entity/component/default/x"),
                        501, 501),
                endpoint("POST analyze-location", t -> as(t).contentType("application/json")
                        .body(Map.of("location", Map.of("type", "url", "target", "https://git/x")))
                        .post(API + "/analyze-location"), 501, 403));
    }

    private static Arguments endpoint(String name, Function<String, Response> call, int developer, int auditor) {
        return Arguments.of(name, call, developer, auditor);
    }

    private static String created() {
        String name = unique("bsr");
        yaml(DAVE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201);
        return name;
    }

    private static String uid(String name) {
        return as(DAVE).get(API + "/entities/by-name/component/default/" + name).then().statusCode(200).extract()
                .path("metadata.uid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void roles(String name, Function<String, Response> call, int developer, int auditor) {
        call.apply(null).then().statusCode(401).contentType(startsWith("application/json"))
                .body("error.name", equalTo("AuthenticationError")).body("response.statusCode", equalTo(401));
        call.apply(TestTokens.expired("alice")).then().statusCode(401)
                .body("error.name", equalTo("AuthenticationError"));
        call.apply(NOBODY).then().statusCode(403).contentType(startsWith("application/json"))
                .body("error.name", equalTo("NotAllowedError")).body("response.statusCode", equalTo(403));
        call.apply(ERIN).then().statusCode(auditor);
        call.apply(ALICE).then().statusCode(developer);
        call.apply(DAVE).then().statusCode(developer);
    }

    @Test
    void deleteIsForTheOwningTeamAndPlatformAdminsAsInRunway() {
        String uid = uid(created());
        as(CAROL).delete(API + "/entities/by-uid/" + uid).then().statusCode(403)
                .contentType(startsWith("application/json")).body("error.name", equalTo("NotAllowedError"))
                .body("request.method", equalTo("DELETE"))
                .body("request.url", equalTo(API + "/entities/by-uid/" + uid));
        // Runway's service accounts write only Resource entities: a Component is refused them too.
        as(SERVICE).delete(API + "/entities/by-uid/" + uid).then().statusCode(403)
                .body("error.name", equalTo("NotAllowedError"));
        as(ERIN).delete(API + "/entities/by-uid/" + uid).then().statusCode(403);
        as(ERIN).get(API + "/entities/by-uid/" + uid).then().statusCode(200);
        as(BOB).delete(API + "/entities/by-uid/" + uid).then().statusCode(204);
        as(ERIN).get(API + "/entities/by-uid/" + uid).then().statusCode(404);
    }

    @Test
    void unknownPathsUnderTheApiAreBackstageErrorsTooWhileRunwaysStayProblems() {
        as(ERIN).get(API + "/no-such-thing").then().statusCode(404).body("error.name", equalTo("NotFoundError"));
        as(null).get("/api/v1/entities").then().statusCode(401).contentType(startsWith("application/problem+json"));
        as(NOBODY).get("/api/v1/entities").then().statusCode(403).contentType(startsWith("application/problem+json"));
    }
}
