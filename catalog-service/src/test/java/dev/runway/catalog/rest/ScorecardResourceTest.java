package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.ERIN;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.component;
import static dev.runway.catalog.rest.CatalogTestSupport.query;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static dev.runway.catalog.rest.InsightsTestSupport.deployment;
import static dev.runway.catalog.rest.InsightsTestSupport.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A fresh team (registered as a Group) with three components against the default scorecard: one complete (gold),
 * one without system and docs (bronze), one without description either (none).
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class ScorecardResourceTest {
    private String team;
    private String gold;
    private String bronze;
    private String none;

    @BeforeEach
    void team() {
        team = unique("team");
        yaml(DAVE, """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s}
                spec: {type: team, children: []}
                """.formatted(team)).post("/api/v1/entities").then().statusCode(201);
        gold = unique("gold");
        yaml(DAVE, """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: Complete
                  tags: [java]
                  annotations: {pagerduty.com/service-id: P123}
                  links: [{url: 'https://docs.example.com/x', title: Runbook}]
                spec: {type: service, lifecycle: production, owner: %s, system: payments}
                """.formatted(gold, team)).post("/api/v1/entities").then().statusCode(201);
        json(DAVE, deployment(gold, Duration.ofDays(3))).post("/api/v1/deployments").then().statusCode(201);
        bronze = unique("bronze");
        yaml(DAVE, component(bronze, team)).post("/api/v1/entities").then().statusCode(201);
        none = unique("none");
        yaml(DAVE, component(none, team).replace("  description: A service for the tests\n", ""))
                .post("/api/v1/entities").then().statusCode(201);
    }

    @Test
    void entityScorecardGivesEveryRuleWithItsReason() {
        as(ERIN).get("/api/v1/scorecards/Component/default/" + bronze).then().statusCode(200)
                .body("entityRef", equalTo("component:default/" + bronze))
                .body("scorecard.id", equalTo("default"))
                .body("level", equalTo("bronze"))
                .body("passed", equalTo(4)).body("failed", equalTo(4)).body("notApplicable", equalTo(1))
                .body("rules.find { it.id == 'owner-is-team' }.status", equalTo("passed"))
                .body("rules.find { it.id == 'owner-is-team' }.reason",
                        equalTo("owner group:default/" + team + " is a Group in the catalog"))
                .body("rules.find { it.id == 'api-has-definition' }.status", equalTo("not_applicable"))
                .body("rules.find { it.id == 'api-has-definition' }.passed", equalTo(true))
                .body("rules.find { it.id == 'production-has-system' }.status", equalTo("failed"))
                .body("rules.find { it.id == 'production-has-system' }.reason",
                        equalTo("in production but spec.system is missing"))
                .body("rules.find { it.id == 'recently-deployed' }.reason", equalTo("no deployment recorded"));
        as(ERIN).get("/api/v1/scorecards/component/default/" + gold).then().statusCode(200)
                .body("level", equalTo("gold")).body("failed", equalTo(0));
        as(ERIN).get("/api/v1/scorecards/component/default/" + none).then().statusCode(200)
                .body("level", equalTo("none"));
    }

    @Test
    void teamRollupCountsLevelsAndFailingRules() {
        as(ERIN).get("/api/v1/scorecards?team=" + team).then().statusCode(200)
                .body("team", equalTo("group:default/" + team))
                .body("entities", equalTo(3))
                .body("levels", equalTo(Map.of("none", 1, "bronze", 1, "silver", 0, "gold", 1)))
                .body("failingRules.id", contains("has-docs", "has-on-call", "production-has-system",
                        "recently-deployed", "has-description"))
                .body("failingRules.failing", contains(2, 2, 2, 2, 1))
                .body("items.entityRef", containsInAnyOrder("component:default/" + gold,
                        "component:default/" + bronze, "component:default/" + none));
    }

    @Test
    void scorecardsAreDataPlatformAdminsEdit() {
        String id = unique("card");
        Map<String, Object> card = Map.of("title", "Tagged and on call", "appliesTo", List.of("component"),
                "rules", List.of(Map.of("id", "tagged", "description", "Has tags", "level", "bronze", "check", "HAS_TAGS"),
                        Map.of("id", "oncall", "description", "On call", "level", "gold", "check", "has_on_call")));
        json(ALICE, card).put("/api/v1/scorecard-definitions/" + id).then().statusCode(403);
        json(DAVE, card).put("/api/v1/scorecard-definitions/" + id).then().statusCode(201)
                .body("appliesTo", contains("Component"))
                .body("rules.check", contains("has_tags", "has_on_call"))
                .body("version", equalTo(1));
        // bronze passes, no silver rules, gold fails: silver
        as(ERIN).get("/api/v1/scorecards/component/default/" + bronze + "?scorecard=" + id).then().statusCode(200)
                .body("level", equalTo("silver"));
        json(DAVE, card).put("/api/v1/scorecard-definitions/" + id).then().statusCode(200).body("version", equalTo(2));
        as(ERIN).get("/api/v1/scorecard-definitions").then().statusCode(200).body("id", hasItem(id));
        // a Group is not something this scorecard scores
        as(ERIN).get("/api/v1/scorecards/group/default/" + team + "?scorecard=" + id).then().statusCode(404);

        as(ALICE).delete("/api/v1/scorecard-definitions/" + id).then().statusCode(403);
        as(DAVE).delete("/api/v1/scorecard-definitions/" + id).then().statusCode(204);
        as(ERIN).get("/api/v1/scorecard-definitions/" + id).then().statusCode(404);
        as(ERIN).get("/api/v1/scorecards?team=" + team + "&scorecard=" + id).then().statusCode(404);
        assertEquals(List.of(List.of("catalog.scorecard.create", "dave"), List.of("catalog.scorecard.update", "dave"),
                List.of("catalog.scorecard.delete", "dave")), query("SELECT action, actor FROM audit_outbox"
                        + " WHERE resource = 'scorecard:" + id + "' ORDER BY occurred_at"));
    }

    @Test
    void invalidDefinitionsNameEachField() {
        json(DAVE, Map.of("title", "x", "appliesTo", List.of("Widget"), "rules", List.of(
                Map.of("id", "a", "description", "d", "level", "platinum", "check", "is_awesome"),
                Map.of("id", "a", "description", "d", "level", "gold", "check", "has_tags"))))
                .put("/api/v1/scorecard-definitions/" + unique("bad")).then().statusCode(400)
                .body("violations.field", containsInAnyOrder("$.appliesTo[0]", "$.rules[0].level",
                        "$.rules[0].check", "$.rules[1].id"));
        json(DAVE, Map.of("title", "x")).put("/api/v1/scorecard-definitions/Bad_Id").then().statusCode(400)
                .body("violations[0].field", equalTo("id"));
    }

    @Test
    void notFoundAndBadRequests() {
        as(ERIN).get("/api/v1/scorecards/component/default/" + unique("nothing")).then().statusCode(404);
        as(ERIN).get("/api/v1/scorecards/widget/default/x").then().statusCode(404);
        as(ERIN).get("/api/v1/scorecards/component/default/" + gold + "?scorecard=nope").then().statusCode(404);
        as(ERIN).get("/api/v1/scorecards").then().statusCode(400).body("violations[0].field", equalTo("team"));
    }
}
