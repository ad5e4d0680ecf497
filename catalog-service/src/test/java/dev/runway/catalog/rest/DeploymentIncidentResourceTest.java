package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.CAROL;
import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.ERIN;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.InsightsTestSupport.ago;
import static dev.runway.catalog.rest.InsightsTestSupport.auditOf;
import static dev.runway.catalog.rest.InsightsTestSupport.deployment;
import static dev.runway.catalog.rest.InsightsTestSupport.incident;
import static dev.runway.catalog.rest.InsightsTestSupport.json;
import static dev.runway.catalog.rest.InsightsTestSupport.registeredComponent;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class DeploymentIncidentResourceTest {
    private static final String SERVICE = TestTokens.service("ci-runner");

    @Test
    void recordsADeploymentIdempotentlyByExternalId() {
        String name = registeredComponent("payments");
        Instant now = ago(Duration.ZERO);
        Map<String, Object> body = deployment(name.toUpperCase(), now.minus(Duration.ofHours(1)));
        body.put("commitSha", "abc123");
        body.put("commitTimes", List.of(now.minus(Duration.ofHours(4)).toString(),
                now.minus(Duration.ofHours(3)).toString()));
        body.put("firstCommitAt", now.minus(Duration.ofHours(2)).toString());
        String externalId = (String) body.get("externalId");

        json(ALICE, body).post("/api/v1/deployments").then().statusCode(201)
                .header("Location", endsWith("/api/v1/deployments/" + externalId))
                .body("id", notNullValue())
                .body("entityRef", equalTo("component:default/" + name))
                // earliest of commitTimes and firstCommitAt (4 h before now) to finishedAt (1 h before now)
                .body("leadTimeSeconds", equalTo(3 * 3600))
                .body("status", equalTo("success"))
                .body("rework", equalTo(false))
                .body("recordedBy", equalTo("alice"));

        // The same report again (a CI retry): the stored deployment, nothing new written.
        json(ALICE, body).post("/api/v1/deployments").then().statusCode(200)
                .body("externalId", equalTo(externalId)).body("leadTimeSeconds", equalTo(3 * 3600));
        as(ERIN).get("/api/v1/deployments/" + externalId).then().statusCode(200).body("version", equalTo(body.get("version")));

        body.put("status", "failure");
        json(ALICE, body).post("/api/v1/deployments").then().statusCode(409)
                .contentType(startsWith("application/problem+json"));

        assertEquals(List.of(List.of("catalog.deployment.record", "success", "alice")),
                auditOf("component:default/" + name));
    }

    @Test
    void deploymentWithoutCommitTimesHasNoLeadTime() {
        String name = registeredComponent("payments");
        json(DAVE, deployment("component:default/" + name, Duration.ofMinutes(1))).post("/api/v1/deployments")
                .then().statusCode(201).body("leadTimeSeconds", nullValue()).body("commitTimes", hasSize(0));
    }

    @Test
    void unknownOrDeletedEntityIsA422NamingTheField() {
        json(DAVE, deployment("component:default/" + unique("nothing"), Duration.ofHours(1)))
                .post("/api/v1/deployments").then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("$.entityRef"));
        String name = registeredComponent("payments");
        as(DAVE).delete("/api/v1/entities/component/default/" + name).then().statusCode(204);
        json(DAVE, deployment(name, Duration.ofHours(1))).post("/api/v1/deployments").then().statusCode(422)
                .body("violations[0].field", equalTo("$.entityRef"));
        json(DAVE, incident(name, Duration.ofHours(1))).post("/api/v1/incidents").then().statusCode(422)
                .body("violations[0].field", equalTo("$.entityRef"));
    }

    @Test
    void badDeploymentInputNamesEveryField() {
        json(DAVE, Map.of("entityRef", "x", "environment", "Prod uction", "startedAt", "yesterday",
                "finishedAt", "2026-01-01T00:00:00Z", "status", "done", "rework", "yes", "externalId", "no spaces",
                "commitTimes", List.of("2026-01-02T00:00:00Z"), "surprise", 1))
                .post("/api/v1/deployments").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", containsInAnyOrder("$.surprise", "$.environment", "$.version",
                        "$.startedAt", "$.status", "$.rework", "$.externalId", "$.commitTimes"));
        json(DAVE, Map.of("entityRef", "x", "environment", "prod", "version", "1", "startedAt",
                "2026-01-02T00:00:00Z", "finishedAt", "2026-01-01T00:00:00Z", "status", "SUCCESS", "externalId", "e1"))
                .post("/api/v1/deployments").then().statusCode(400)
                .body("violations.field", contains("$.finishedAt"));
        as(DAVE).contentType("application/json").body("[1]").post("/api/v1/deployments").then().statusCode(400)
                .body("violations[0].field", equalTo("$"));
        as(DAVE).contentType("application/json").body("{").post("/api/v1/deployments").then().statusCode(400);
        as(DAVE).get("/api/v1/deployments?limit=0").then().statusCode(400).body("violations[0].field", equalTo("limit"));
    }

    @Test
    void whoMayRecord() {
        String name = registeredComponent("payments");
        String ref = "component:default/" + name;
        json(CAROL, deployment(ref, Duration.ofHours(1))).post("/api/v1/deployments").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        json(ERIN, deployment(ref, Duration.ofHours(1))).post("/api/v1/deployments").then().statusCode(403);
        json(SERVICE, deployment(ref, Duration.ofHours(1))).post("/api/v1/deployments").then().statusCode(201)
                .body("recordedBy", equalTo("service-account-ci-runner"));
        json(CAROL, incident(ref, Duration.ofHours(1))).post("/api/v1/incidents").then().statusCode(403);
        assertEquals(List.of(List.of("catalog.deployment.record", "deny", "carol"),
                List.of("catalog.deployment.record", "success", "service-account-ci-runner"),
                List.of("catalog.incident.open", "deny", "carol")), auditOf(ref));
    }

    @Test
    void incidentLifecycle() {
        String name = registeredComponent("payments");
        String ref = "component:default/" + name;
        Map<String, Object> deploy = deployment(ref, Duration.ofHours(3));
        json(ALICE, deploy).post("/api/v1/deployments").then().statusCode(201);

        Instant now = ago(Duration.ZERO);
        Map<String, Object> body = incident(name, now.minus(Duration.ofHours(2)));
        body.put("severity", "SEV-1");
        body.put("causedByDeployment", deploy.get("externalId"));
        String id = (String) body.get("externalId");
        json(ALICE, body).post("/api/v1/incidents").then().statusCode(201)
                .header("Location", endsWith("/api/v1/incidents/" + id))
                .body("severity", equalTo("sev1")).body("open", equalTo(true))
                .body("entityRef", equalTo(ref)).body("timeToRestoreSeconds", nullValue());
        json(ALICE, body).post("/api/v1/incidents").then().statusCode(200).body("externalId", equalTo(id));
        as(ALICE).get("/api/v1/incidents?open=true&entity=" + name).then().statusCode(200)
                .body("externalId", contains(id));

        // Before it was opened: refused; merge-patch and plain JSON both accepted.
        as(ALICE).contentType("application/merge-patch+json")
                .body(Map.of("resolvedAt", ago(Duration.ofHours(3)).toString()))
                .patch("/api/v1/incidents/" + id).then().statusCode(422)
                .body("violations[0].field", equalTo("$.resolvedAt"));
        as(CAROL).contentType("application/merge-patch+json")
                .body(Map.of("resolvedAt", ago(Duration.ofHours(1)).toString()))
                .patch("/api/v1/incidents/" + id).then().statusCode(403);
        String resolvedAt = now.minus(Duration.ofHours(1)).toString();
        as(ALICE).contentType("application/merge-patch+json").body(Map.of("resolvedAt", resolvedAt))
                .patch("/api/v1/incidents/" + id).then().statusCode(200)
                .body("open", equalTo(false)).body("timeToRestoreSeconds", equalTo(3600))
                .body("resolvedBy", equalTo("alice"));
        json(ALICE, Map.of("resolvedAt", resolvedAt)).patch("/api/v1/incidents/" + id).then().statusCode(200);
        json(ALICE, Map.of("resolvedAt", ago(Duration.ofMinutes(1)).toString()))
                .patch("/api/v1/incidents/" + id).then().statusCode(409);
        json(ALICE, Map.of()).patch("/api/v1/incidents/" + id).then().statusCode(400)
                .body("violations[0].field", equalTo("$.resolvedAt"));
        json(ALICE, Map.of("resolvedAt", resolvedAt)).patch("/api/v1/incidents/" + unique("none")).then()
                .statusCode(404);
        as(ALICE).get("/api/v1/incidents?open=false&entity=" + ref).then().statusCode(200)
                .body("externalId", contains(id));
        as(ALICE).get("/api/v1/incidents?open=true&entity=" + ref).then().statusCode(200).body("$", hasSize(0));

        // Re-reporting the open event after the resolution is the same incident; contradicting it is not.
        json(ALICE, body).post("/api/v1/incidents").then().statusCode(200).body("open", equalTo(false));
        body.put("severity", "sev3");
        json(ALICE, body).post("/api/v1/incidents").then().statusCode(409);

        assertEquals(List.of(List.of("catalog.deployment.record", "success", "alice"),
                List.of("catalog.incident.open", "success", "alice"),
                List.of("catalog.incident.resolve", "deny", "carol"),
                List.of("catalog.incident.resolve", "success", "alice")), auditOf(ref));
    }

    @Test
    void badIncidentInput() {
        String name = registeredComponent("payments");
        Map<String, Object> body = incident(name, Duration.ofHours(2));
        body.put("severity", "critical");
        body.put("resolvedAt", ago(Duration.ofHours(3)).toString());
        json(DAVE, body).post("/api/v1/incidents").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("$.severity", "$.resolvedAt"));
        Map<String, Object> unknownCause = incident(name, Duration.ofHours(2));
        unknownCause.put("causedByDeployment", unique("never"));
        json(DAVE, unknownCause).post("/api/v1/incidents").then().statusCode(422)
                .body("violations[0].field", equalTo("$.causedByDeployment"))
                .body("detail", containsString("No deployment"));
    }

    @Test
    void listsDeploymentsNewestFirst() {
        String name = registeredComponent("payments");
        Map<String, Object> older = deployment(name, Duration.ofDays(2));
        Map<String, Object> newer = deployment(name, Duration.ofDays(1));
        Map<String, Object> staging = deployment(name, Duration.ofHours(1));
        staging.put("environment", "Staging");
        for (Map<String, Object> d : List.of(older, newer, staging)) {
            json(ALICE, d).post("/api/v1/deployments").then().statusCode(201);
        }
        as(ERIN).get("/api/v1/deployments?entity=" + name).then().statusCode(200)
                .body("externalId", contains(staging.get("externalId"), newer.get("externalId"),
                        older.get("externalId")))
                .body("environment", hasItem("staging"));
        as(ERIN).get("/api/v1/deployments?entity=" + name + "&environment=production&limit=1").then()
                .statusCode(200).body("externalId", contains(newer.get("externalId")));
    }
}
