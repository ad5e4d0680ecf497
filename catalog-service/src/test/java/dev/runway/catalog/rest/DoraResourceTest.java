package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.ERIN;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static dev.runway.catalog.rest.InsightsTestSupport.ago;
import static dev.runway.catalog.rest.InsightsTestSupport.deployment;
import static dev.runway.catalog.rest.InsightsTestSupport.incident;
import static dev.runway.catalog.rest.InsightsTestSupport.json;
import static dev.runway.catalog.rest.InsightsTestSupport.registeredComponent;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * One component of a fresh team and system with a known history, so each figure can be worked out by hand:
 * production deployments 2 days ago (lead time 3 h) and 1 day ago (failed, no commit times), one 40 days ago
 * (lead time 1 day), one to staging an hour ago; an incident restored in 30 minutes and one still open.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class DoraResourceTest {
    private String team;
    private String system;
    private String name;

    @BeforeEach
    void history() {
        team = unique("team");
        system = unique("sys");
        name = unique("svc");
        yaml(DAVE, """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %s}
                spec: {type: service, lifecycle: production, owner: %s, system: %s}
                """.formatted(name, team, system)).post("/api/v1/entities").then().statusCode(201);
        Instant now = ago(Duration.ZERO);
        Map<String, Object> recent = deployment(name, now.minus(Duration.ofDays(2)));
        recent.put("commitTimes", List.of(now.minus(Duration.ofDays(2).plusHours(3)).toString()));
        Map<String, Object> failed = deployment(name, Duration.ofDays(1));
        failed.put("status", "failure");
        Map<String, Object> old = deployment(name, now.minus(Duration.ofDays(40)));
        old.put("firstCommitAt", now.minus(Duration.ofDays(41)).toString());
        Map<String, Object> staging = deployment(name, Duration.ofHours(1));
        staging.put("environment", "staging");
        for (Map<String, Object> d : List.of(recent, failed, old, staging)) {
            json(DAVE, d).post("/api/v1/deployments").then().statusCode(201);
        }
        Map<String, Object> restored = incident(name, now.minus(Duration.ofHours(20)));
        restored.put("resolvedAt", now.minus(Duration.ofHours(20).minusMinutes(30)).toString());
        json(DAVE, restored).post("/api/v1/incidents").then().statusCode(201);
        json(DAVE, incident(name, Duration.ofHours(1))).post("/api/v1/incidents").then().statusCode(201);
    }

    private static JsonPath dora(String query) {
        return as(ERIN).get("/api/v1/dora?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void entityOverTheDefaultThirtyDaysInProduction() {
        JsonPath d = dora("entity=" + name);
        assertEquals("entity", d.getString("scope.type"));
        assertEquals("component:default/" + name, d.getString("scope.ref"));
        assertEquals(1, d.getInt("scope.entities"));
        assertEquals("30d", d.getString("window"));
        assertEquals("production", d.getString("environment"));
        // 2 production deployments in 30 days: 0.0667 a day, more than monthly, less than weekly
        assertEquals(2, d.getInt("deploymentFrequency.deployments"));
        // (JSON numbers are read back as floats here)
        assertEquals(2 / 30.0, d.getDouble("deploymentFrequency.value"), 1e-6);
        assertEquals("medium", d.getString("deploymentFrequency.tier"));
        // only the one with commit times: 3 h
        assertEquals(1, d.getInt("leadTime.samples"));
        assertEquals(10800.0, d.getDouble("leadTime.medianSeconds"));
        assertEquals(10800L, d.getLong("leadTime.p90Seconds"));
        assertEquals("elite", d.getString("leadTime.tier"));
        // the failed one of two
        assertEquals(0.5, d.getDouble("changeFailureRate.value"));
        assertEquals(1, d.getInt("changeFailureRate.failures"));
        assertEquals("low", d.getString("changeFailureRate.tier"));
        // 30 minutes; the open incident is counted apart
        assertEquals(1800.0, d.getDouble("timeToRestore.medianSeconds"));
        assertEquals(1, d.getInt("timeToRestore.openIncidents"));
        assertEquals("elite", d.getString("timeToRestore.tier"));
        assertEquals(0.0, d.getDouble("reworkRate.value"));
        assertEquals("unrated", d.getString("reworkRate.tier"));
        List<Integer> weekly = d.getList("series.deployments", Integer.class);
        assertEquals(2, weekly.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void windowsAndEnvironments() {
        // 2 in 7 days: 0.2857 a day, at least weekly
        assertEquals("high", dora("entity=" + name + "&window=7d").getString("deploymentFrequency.tier"));
        JsonPath quarter = dora("entity=" + name + "&window=90d");
        assertEquals(3, quarter.getInt("deploymentFrequency.deployments"));
        // lead times 3 h and 1 day: median (10800 + 86400) / 2 = 48600, p90 nearest rank the 2nd = 86400
        assertEquals(48600.0, quarter.getDouble("leadTime.medianSeconds"));
        assertEquals(86400L, quarter.getLong("leadTime.p90Seconds"));
        JsonPath staging = dora("entity=" + name + "&environment=Staging");
        assertEquals("staging", staging.getString("environment"));
        assertEquals(1, staging.getInt("deploymentFrequency.deployments"));
        assertEquals("no_data", staging.getString("leadTime.tier"));
    }

    @Test
    void teamAndSystemScopes() {
        JsonPath byTeam = dora("team=" + team);
        assertEquals("team", byTeam.getString("scope.type"));
        assertEquals("group:default/" + team, byTeam.getString("scope.ref"));
        assertEquals(1, byTeam.getInt("scope.entities"));
        assertEquals(2, byTeam.getInt("deploymentFrequency.deployments"));
        JsonPath bySystem = dora("system=" + system);
        assertEquals("system:default/" + system, bySystem.getString("scope.ref"));
        assertEquals(0.5, bySystem.getDouble("changeFailureRate.value"));
        assertEquals(1, bySystem.getInt("timeToRestore.samples"));
    }

    @Test
    void noDataIsAnAnswer() {
        String quiet = registeredComponent(team);
        as(ERIN).get("/api/v1/dora?entity=" + quiet).then().statusCode(200)
                .body("deploymentFrequency.value", nullValue())
                .body("deploymentFrequency.tier", equalTo("no_data"))
                .body("leadTime.tier", equalTo("no_data"))
                .body("changeFailureRate.value", nullValue())
                .body("changeFailureRate.tier", equalTo("no_data"))
                .body("timeToRestore.tier", equalTo("no_data"))
                .body("reworkRate.tier", equalTo("no_data"))
                .body("series.deployments", everyItem(equalTo(0)));
        JsonPath nobody = dora("team=" + unique("nobody"));
        assertEquals(0, nobody.getInt("scope.entities"));
        assertNull(nobody.get("leadTime.medianSeconds"));
    }

    @Test
    void badQueries() {
        as(ERIN).get("/api/v1/dora").then().statusCode(400).body("violations[0].field", equalTo("entity"));
        as(ERIN).get("/api/v1/dora?entity=" + name + "&team=" + team).then().statusCode(400);
        as(ERIN).get("/api/v1/dora?entity=" + name + "&window=5d").then().statusCode(400)
                .body("violations[0].field", equalTo("window"));
        as(ERIN).get("/api/v1/dora?team=component:x").then().statusCode(400)
                .body("violations[0].field", equalTo("team"));
        as(ERIN).get("/api/v1/dora?entity=" + unique("nothing")).then().statusCode(404);
    }
}
