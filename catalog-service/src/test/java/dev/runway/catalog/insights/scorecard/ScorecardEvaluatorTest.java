package dev.runway.catalog.insights.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.runway.catalog.insights.scorecard.ScorecardEvaluator.Status;

class ScorecardEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
    private static final List<ScorecardRule> RULES = List.of(
            new ScorecardRule("owner", "owner is a team", ScorecardLevel.BRONZE, ScorecardCheck.OWNER_IS_GROUP),
            new ScorecardRule("desc", "described", ScorecardLevel.BRONZE, ScorecardCheck.HAS_DESCRIPTION),
            new ScorecardRule("api", "API definition", ScorecardLevel.SILVER, ScorecardCheck.API_HAS_DEFINITION),
            new ScorecardRule("system", "in a system", ScorecardLevel.SILVER, ScorecardCheck.PRODUCTION_HAS_SYSTEM),
            new ScorecardRule("oncall", "on call", ScorecardLevel.GOLD, ScorecardCheck.HAS_ON_CALL),
            new ScorecardRule("deployed", "deployed", ScorecardLevel.GOLD, ScorecardCheck.DEPLOYED_LAST_30_DAYS));

    private static EntityFacts component(boolean ownerIsGroup, String systemRef, boolean onCall, Instant deployed) {
        return new EntityFacts("component:default/a", "component", "group:default/payments", "production", systemRef,
                ownerIsGroup, true, true, false, false, onCall, false, deployed);
    }

    @Test
    void allRulesPassingIsGold() {
        var score = ScorecardEvaluator.evaluate(RULES,
                component(true, "system:default/pay", true, NOW.minusSeconds(3600)), NOW);
        assertEquals(ScorecardLevel.GOLD, score.level());
        // not an API: that rule does not apply and does not hold the level back
        assertEquals(Status.NOT_APPLICABLE, score.results().get(2).status());
    }

    @Test
    void aFailingBronzeRuleMeansNoLevelEvenIfHigherRulesPass() {
        var score = ScorecardEvaluator.evaluate(RULES,
                component(false, "system:default/pay", true, NOW.minusSeconds(3600)), NOW);
        assertEquals(ScorecardLevel.NONE, score.level());
        assertEquals(Status.FAILED, score.results().get(0).status());
        assertEquals("owner group:default/payments is not a Group in the catalog", score.results().get(0).reason());
    }

    @Test
    void silverFailureStopsAtBronze() {
        var score = ScorecardEvaluator.evaluate(RULES, component(true, null, true, NOW), NOW);
        assertEquals(ScorecardLevel.BRONZE, score.level());
        assertEquals("in production but spec.system is missing", score.results().get(3).reason());
    }

    @Test
    void deploymentExactlyThirtyDaysAgoStillCountsOneSecondMoreDoesNot() {
        assertEquals(ScorecardLevel.GOLD, ScorecardEvaluator.evaluate(RULES,
                component(true, "system:default/pay", true, NOW.minus(ScorecardEvaluator.RECENT)), NOW).level());
        var stale = ScorecardEvaluator.evaluate(RULES, component(true, "system:default/pay", true,
                NOW.minus(ScorecardEvaluator.RECENT).minusSeconds(1)), NOW);
        assertEquals(ScorecardLevel.SILVER, stale.level());
        assertEquals(Status.FAILED, stale.results().get(5).status());
        var never = ScorecardEvaluator.evaluate(RULES, component(true, "system:default/pay", true, null), NOW);
        assertEquals("no deployment recorded", never.results().get(5).reason());
    }

    @Test
    void apiWithoutDefinitionFailsSilver() {
        var api = new EntityFacts("api:default/x", "api", "group:default/payments", "experimental", null, true, true,
                true, false, false, true, false, NOW);
        var score = ScorecardEvaluator.evaluate(RULES, api, NOW);
        assertEquals(ScorecardLevel.BRONZE, score.level());
        assertEquals(Status.FAILED, score.results().get(2).status());
        // not in production: the system rule does not apply
        assertEquals(Status.NOT_APPLICABLE, score.results().get(3).status());
    }

    @Test
    void noRulesAtALevelMeansThatLevelIsReachedByTheOnesBelow() {
        var bronzeOnly = List.of(RULES.get(1));
        assertEquals(ScorecardLevel.GOLD, ScorecardEvaluator.evaluate(bronzeOnly,
                component(false, null, false, null), NOW).level());
    }
}
