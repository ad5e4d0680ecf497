package dev.runway.access.client;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.access.testing.DemoTeamLeads;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_access"))
@QuarkusTestResource(value = WebhookReceiver.class, restrictToAnnotatedClass = true)
class WebhookNotifierTest {

    /** The demo's team leads come from the demo's seeding, not from a migration: these tests seed them. */
    @BeforeEach
    void demoTeamLeads() {
        DemoTeamLeads.seed();
    }

    private static String next() throws InterruptedException {
        // Delivery is asynchronous by design: wait for it (bounded), do not time it.
        String body = WebhookReceiver.RECEIVED.poll(20, TimeUnit.SECONDS);
        assertNotNull(body, "no notification arrived");
        return body;
    }

    @Test
    void requestAndDecisionAreAnnouncedAndAFailingWebhookBlocksNothing() throws InterruptedException {
        WebhookReceiver.RECEIVED.clear();
        String id = given().auth().oauth2(TestTokens.user("ivan", List.of("search"), "developer"))
                .contentType(ContentType.JSON)
                .body(Map.of("role", "viewer", "scope", "team:search", "duration", "PT4H", "justification", "on call"))
                .when().post("/api/v1/access-requests").then().statusCode(201).extract().path("id");
        String requested = next();
        assertTrue(requested.startsWith("application/json {\"text\":\"ivan requests viewer on team:search for PT4H: on call\"}"),
                requested);

        given().auth().oauth2(TestTokens.user("frank", List.of("search"), "developer")).contentType(ContentType.JSON)
                .body(Map.of("comment", "not needed")).when().post("/api/v1/access-requests/" + id + "/deny")
                .then().statusCode(200);
        String denied = next();
        assertTrue(denied.contains("\"text\":\"frank denied ivan's request for viewer on team:search: not needed\""), denied);
    }
}
