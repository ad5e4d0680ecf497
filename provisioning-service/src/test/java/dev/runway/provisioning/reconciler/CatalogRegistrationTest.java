package dev.runway.provisioning.reconciler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import dev.runway.provisioning.client.RecordingCatalogGateway;
import dev.runway.provisioning.rest.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class CatalogRegistrationTest {
    @Inject
    Reconciler reconciler;
    @Inject
    RecordingCatalogGateway catalog;

    @AfterEach
    void catalogBack() {
        catalog.available(true);
    }

    static String team() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String token(String team) {
        return TestTokens.user("alice", List.of(team), "developer");
    }

    static UUID request(String team, String name, String component) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "team", team, "template", "ephemeral"));
        if (component != null) {
            body.put("component", component);
        }
        String id = given().auth().oauth2(token(team)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/environments").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }

    static ValidatableResponse view(String team, UUID id) {
        return given().auth().oauth2(token(team)).when().get("/api/v1/environments/" + id).then().statusCode(200);
    }

    @Test
    void readyEnvironmentIsRegisteredAsAResourceAndRemovedWhenDeleted() {
        String team = team();
        UUID id = request(team, "shop", "payments-api");
        reconciler.drive(id);
        view(team, id).body("state", equalTo("READY")).body("catalogSynced", equalTo(true))
                .body("component", equalTo("component:default/payments-api"));

        String name = team + "-shop";
        Map<String, Object> expected = Map.of(
                "apiVersion", "backstage.io/v1alpha1",
                "kind", "Resource",
                "metadata", Map.of("name", name, "namespace", "default", "title", "shop",
                        "description", "ephemeral environment provisioned by Runway for team " + team,
                        "annotations", Map.of(CatalogEntities.REQUEST_ID, id.toString(),
                                "runway.dev/template", "ephemeral@" + templateVersion(team, id),
                                "runway.dev/namespace", name)),
                "spec", Map.of("type", "environment", "owner", "group:default/" + team,
                        "dependencyOf", List.of("component:default/payments-api")));
        assertEquals(expected, catalog.entity(name));

        given().auth().oauth2(token(team)).when().delete("/api/v1/environments/" + id).then().statusCode(202);
        reconciler.drive(id);
        view(team, id).body("state", equalTo("DELETED")).body("catalogSynced", equalTo(true));
        assertNull(catalog.entity(name));
        assertEquals(1, catalog.calls("remove " + name));
    }

    @Test
    void environmentWithoutComponentHasNoDependency() {
        String team = team();
        UUID id = request(team, "lone", null);
        reconciler.drive(id);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) catalog.entity(team + "-lone").get("spec");
        assertEquals(Map.of("type", "environment", "owner", "group:default/" + team), spec);
    }

    @Test
    void catalogOutageDoesNotHoldBackReadyAndRegistrationIsRetried() {
        String team = team();
        String name = team + "-api";
        catalog.available(false);
        UUID id = request(team, "api", "component:default/search-api");
        reconciler.drive(id);
        view(team, id).body("state", equalTo("READY")).body("catalogSynced", equalTo(false))
                .body("catalogReason", containsString("catalog-service unavailable"))
                .body("attempts", equalTo(0));
        assertEquals(1, catalog.calls("register " + name));

        // Still down at the retry: the request stays READY, the catalog attempt is counted and retried again.
        Sql.makeDue(id);
        reconciler.drive(id);
        view(team, id).body("state", equalTo("READY")).body("catalogSynced", equalTo(false));
        assertEquals(2, catalog.calls("register " + name));

        catalog.available(true);
        Sql.makeDue(id);
        reconciler.drive(id);
        view(team, id).body("state", equalTo("READY")).body("catalogSynced", equalTo(true));
        assertEquals(3, catalog.calls("register " + name));
        assertEquals(name, ((Map<?, ?>) catalog.entity(name).get("metadata")).get("name"));
    }

    @Test
    void catalogOutageDoesNotHoldBackDeletedAndRemovalIsRetried() {
        String team = team();
        String name = team + "-gone";
        UUID id = request(team, "gone", null);
        reconciler.drive(id);
        catalog.available(false);
        given().auth().oauth2(token(team)).when().delete("/api/v1/environments/" + id).then().statusCode(202);
        reconciler.drive(id);
        view(team, id).body("state", equalTo("DELETED")).body("catalogSynced", equalTo(false));
        assertEquals(name, ((Map<?, ?>) catalog.entity(name).get("metadata")).get("name"));

        catalog.available(true);
        Sql.makeDue(id);
        reconciler.drive(id);
        view(team, id).body("state", equalTo("DELETED")).body("catalogSynced", equalTo(true));
        assertNull(catalog.entity(name));
    }

    @Test
    void componentMustBeAComponentRef() {
        String team = team();
        for (String bad : List.of("api:default/x", "component:default/", "component:default/-x", "a b")) {
            given().auth().oauth2(token(team)).contentType(ContentType.JSON)
                    .body(Map.of("name", "x", "team", team, "template", "ephemeral", "component", bad))
                    .when().post("/api/v1/environments").then().statusCode(400)
                    .contentType("application/problem+json").body("violations.field", hasItem(containsString("component")));
        }
    }

    private static String templateVersion(String team, UUID id) {
        return view(team, id).extract().path("templateVersion");
    }
}
