package dev.runway.access.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = Callers.DATABASE))
class RoleBindingResourceTest {
    private static final String PATH = "/api/v1/role-bindings";

    private static Map<String, Object> binding(String subject, String role, String scope, Object expiresAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("subject", subject);
        body.put("role", role);
        body.put("scope", scope);
        body.put("expiresAt", expiresAt);
        return body;
    }

    @Test
    void crudIsAuditedAtEachStep() {
        String expires = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String location = given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(binding("user:grace", "maintainer", "entity:Component:default/payments-api", expires))
                .when().post(PATH).then().statusCode(201)
                .body("subject", equalTo("user:grace")).body("role", equalTo("maintainer"))
                .body("scope", equalTo("entity:Component:default/payments-api"))
                .body("expiresAt", equalTo(expires)).body("createdBy", equalTo("dave"))
                .body("accessRequestId", nullValue())
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertTrue(location.endsWith(PATH + "/" + id), location);

        given().auth().oauth2(Callers.dave()).when().get(location).then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(Callers.dave()).queryParam("subject", "user:grace").when().get(PATH)
                .then().statusCode(200).body("id", equalTo(List.of(id)));
        given().auth().oauth2(Callers.dave()).queryParam("scope", "global").when().get(PATH)
                .then().statusCode(200).body("id", not(hasItem(id)));

        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(binding("user:grace", "owner", "team:payments", null))
                .when().put(location).then().statusCode(200)
                .body("role", equalTo("owner")).body("scope", equalTo("team:payments")).body("expiresAt", nullValue());

        given().auth().oauth2(Callers.dave()).when().delete(location).then().statusCode(204);
        given().auth().oauth2(Callers.dave()).when().get(location).then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(404));
        given().auth().oauth2(Callers.dave()).when().delete(location).then().statusCode(404);

        for (String action : List.of("role-binding.create", "role-binding.update", "role-binding.delete")) {
            assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = ? AND resource = ? "
                    + "AND actor = 'dave' AND outcome = 'success'", action, "role-binding:" + id), action);
        }
    }

    @Test
    void onlyPlatformAdminsMayTouchBindings() {
        String id = given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(binding("team:search", "viewer", "team:payments", null))
                .when().post(PATH).then().statusCode(201).extract().path("id");
        for (String token : List.of(Callers.alice(), Callers.bob(), Callers.erin(), TestTokens.service("catalog-service"))) {
            given().auth().oauth2(token).when().get(PATH).then().statusCode(403)
                    .contentType(startsWith("application/problem+json")).body("status", equalTo(403));
            given().auth().oauth2(token).when().get(PATH + "/" + id).then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(binding("user:alice", "owner", "global", null)).when().post(PATH).then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(binding("user:alice", "owner", "global", null)).when().put(PATH + "/" + id).then().statusCode(403);
            given().auth().oauth2(token).when().delete(PATH + "/" + id).then().statusCode(403);
        }
        given().when().get(PATH).then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().when().get(PATH + "/" + id).then().statusCode(401);
        given().contentType(ContentType.JSON).body(binding("user:alice", "owner", "global", null))
                .when().post(PATH).then().statusCode(401);
        given().when().delete(PATH + "/" + id).then().statusCode(401);
        given().auth().oauth2(Callers.dave()).when().get(PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void eachInvalidFieldIsNamed() {
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(binding("group:payments", "superuser", "cluster:prod", null))
                .when().post(PATH).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", equalTo(List.of("role", "scope", "subject")))
                .body("violations.find { it.field == 'scope' }.message", startsWith("must be global, team:<name>"));
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body("{}")
                .when().post(PATH).then().statusCode(400)
                .body("violations.field", equalTo(List.of("role", "scope", "subject")));
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(binding("user:alice", "viewer", "global", Instant.now().minusSeconds(60).toString()))
                .when().post(PATH).then().statusCode(400)
                .body("violations.field", equalTo(List.of("expiresAt")))
                .body("violations[0].message", equalTo("must be in the future"));
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(binding("user:alice", "viewer", "global", "tomorrow"))
                .when().post(PATH).then().statusCode(400).body("violations.field", equalTo(List.of("$.expiresAt")));
        given().auth().oauth2(Callers.dave()).queryParam("subject", "nobody").when().get(PATH)
                .then().statusCode(400).body("violations.field", hasItem("subject"));
        given().auth().oauth2(Callers.dave()).when().get(PATH + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(binding("user:alice", "viewer", "global", null))
                .when().put(PATH + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void duplicateBindingIs409() {
        Map<String, Object> body = binding("user:heidi", "auditor", "global", null);
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(body)
                .when().post(PATH).then().statusCode(201);
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(body)
                .when().post(PATH).then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("user:heidi already holds auditor on global."));
    }
}
