package dev.runway.provisioning.reconciler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import dev.runway.provisioning.rest.Sql;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The API server in expectation mode answers with errors; the reconciler backs off or fails with a reason. */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class ClusterErrorTest {
    @KubernetesTestServer
    KubernetesServer server;
    @Inject
    Reconciler reconciler;

    private String team;

    private UUID request(String name) {
        team = "x" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .contentType(ContentType.JSON).body(Map.of("name", name, "team", team, "template", "development"))
                .when().post("/api/v1/environments").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }

    private JsonPath view(UUID id) {
        return given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .when().get("/api/v1/environments/" + id).then().statusCode(200).extract().jsonPath();
    }

    private void answerNamespaceCreate(int status, int times) {
        server.expect().post().withPath("/api/v1/namespaces")
                .andReturn(status, new StatusBuilder().withCode(status).withMessage("injected").build()).times(times);
    }

    @Test
    void forbiddenFailsAtOnceWithAReason() {
        UUID id = request("forbidden");
        answerNamespaceCreate(403, 1);
        reconciler.drive(id);
        JsonPath v = view(id);
        assertEquals("FAILED", v.getString("state"));
        assertEquals(false, v.getBoolean("retryable"));
        given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .when().get("/api/v1/environments/" + id).then()
                .body("reason", containsString("HTTP 403"))
                .body("reason", containsString("lacks the permission"))
                .body("nextAttemptAt", nullValue());
    }

    @Test
    void serverErrorsBackOffExponentiallyThenFailRetryable() {
        UUID id = request("flaky");
        answerNamespaceCreate(500, 8);
        reconciler.drive(id);
        JsonPath v = view(id);
        assertEquals("PROVISIONING", v.getString("state"));
        assertEquals(1, v.getInt("attempts"));
        assertEquals(Duration.ofSeconds(1), between(v));
        given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .when().get("/api/v1/environments/" + id).then().body("reason", containsString("HTTP 500"));

        Sql.makeDue(id);
        reconciler.drive(id);
        v = view(id);
        assertEquals(2, v.getInt("attempts"));
        assertEquals(Duration.ofSeconds(2), between(v));

        for (int i = 3; i <= 8; i++) {
            Sql.makeDue(id);
            reconciler.drive(id);
        }
        given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .when().get("/api/v1/environments/" + id).then()
                .body("state", equalTo("FAILED")).body("retryable", equalTo(true))
                .body("reason", containsString("HTTP 500"));
    }

    @Test
    void conflictIsRetried() {
        UUID id = request("conflict");
        String ns = team + "-conflict";
        answerNamespaceCreate(409, 1);
        server.expect().get().withPath("/api/v1/namespaces/" + ns)
                .andReturn(200, new NamespaceBuilder().withNewMetadata().withName(ns).withResourceVersion("1")
                        .endMetadata().build()).always();
        server.expect().put().withPath("/api/v1/namespaces/" + ns)
                .andReturn(409, new StatusBuilder().withCode(409).withMessage("injected").build()).always();
        reconciler.drive(id);
        JsonPath v = view(id);
        assertEquals("PROVISIONING", v.getString("state"));
        assertEquals(1, v.getInt("attempts"));
        given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .when().get("/api/v1/environments/" + id).then().body("reason", containsString("HTTP 409"));
    }

    private static Duration between(JsonPath v) {
        return Duration.between(Instant.parse(v.getString("updatedAt")), Instant.parse(v.getString("nextAttemptAt")));
    }
}
