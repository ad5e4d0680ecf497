package dev.runway.catalog.insights.scorecard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Pure: applies a scorecard's rules to one entity's facts and derives the level reached. */
public final class ScorecardEvaluator {
    static final Duration RECENT = Duration.ofDays(30);

    private ScorecardEvaluator() {
    }

    public enum Status {
        PASSED, FAILED, NOT_APPLICABLE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record RuleResult(ScorecardRule rule, Status status, String reason) {
        public boolean holdsBack() {
            return status == Status.FAILED;
        }
    }

    public record EntityScore(String ref, String kind, ScorecardLevel level, List<RuleResult> results) {
    }

    public static EntityScore evaluate(List<ScorecardRule> rules, EntityFacts facts, Instant now) {
        List<RuleResult> results = new ArrayList<>(rules.size());
        for (ScorecardRule rule : rules) {
            results.add(check(rule, facts, now));
        }
        return new EntityScore(facts.ref(), facts.kind(), level(results), results);
    }

    /** The highest level whose rules, and every lower level's, all pass (or do not apply). */
    static ScorecardLevel level(List<RuleResult> results) {
        ScorecardLevel reached = ScorecardLevel.NONE;
        for (ScorecardLevel level : List.of(ScorecardLevel.BRONZE, ScorecardLevel.SILVER, ScorecardLevel.GOLD)) {
            boolean failed = results.stream().anyMatch(r -> r.rule().level() == level && r.holdsBack());
            if (failed) {
                return reached;
            }
            reached = level;
        }
        return reached;
    }

    static RuleResult check(ScorecardRule rule, EntityFacts f, Instant now) {
        return switch (rule.check()) {
            case OWNER_IS_GROUP -> f.ownerRef() == null ? fail(rule, "no spec.owner")
                    : f.ownerIsGroup() ? pass(rule, "owner " + f.ownerRef() + " is a Group in the catalog")
                    : fail(rule, "owner " + f.ownerRef() + " is not a Group in the catalog");
            case HAS_DESCRIPTION -> f.hasDescription() ? pass(rule, "metadata.description is set")
                    : fail(rule, "metadata.description is missing or blank");
            case HAS_TAGS -> f.hasTags() ? pass(rule, "metadata.tags is set") : fail(rule, "no metadata.tags");
            case HAS_LIFECYCLE -> !"component".equals(f.kind()) && !"api".equals(f.kind())
                    ? na(rule, "kind " + f.kind() + " has no lifecycle")
                    : f.lifecycle() != null ? pass(rule, "spec.lifecycle is " + f.lifecycle())
                    : fail(rule, "spec.lifecycle is missing");
            case API_HAS_DEFINITION -> !"api".equals(f.kind()) ? na(rule, "not an API")
                    : f.apiHasDefinition() ? pass(rule, "spec.definition is set")
                    : fail(rule, "spec.definition is missing or blank");
            case PRODUCTION_HAS_SYSTEM -> !"production".equals(f.lifecycle()) ? na(rule, "not in production")
                    : f.systemRef() != null ? pass(rule, "part of " + f.systemRef())
                    : fail(rule, "in production but spec.system is missing");
            case HAS_DOCS_OR_RUNBOOK -> f.hasDocsOrRunbook() ? pass(rule, "has a docs or runbook link or annotation")
                    : fail(rule, "no metadata.links entry of type or title docs/runbook and no"
                            + " backstage.io/techdocs-ref, runway.dev/docs or runway.dev/runbook annotation");
            case HAS_ON_CALL -> f.hasOnCall() ? pass(rule, "has an on-call annotation")
                    : fail(rule, "no pagerduty.com/service-id, pagerduty.com/integration-key, opsgenie.com/team,"
                            + " opsgenie.com/component-selector or runway.dev/on-call annotation");
            case HAS_SOURCE_LOCATION -> f.hasSourceLocation() ? pass(rule, "has a source location annotation")
                    : fail(rule, "no backstage.io/source-location, github.com/project-slug or"
                            + " gitlab.com/project-slug annotation");
            case DEPLOYED_LAST_30_DAYS -> f.lastDeployment() != null
                    && !f.lastDeployment().isBefore(now.minus(RECENT))
                            ? pass(rule, "last deployment finished " + f.lastDeployment())
                            : fail(rule, f.lastDeployment() == null ? "no deployment recorded"
                                    : "last deployment finished " + f.lastDeployment() + ", over 30 days ago");
        };
    }

    private static RuleResult pass(ScorecardRule rule, String reason) {
        return new RuleResult(rule, Status.PASSED, reason);
    }

    private static RuleResult fail(ScorecardRule rule, String reason) {
        return new RuleResult(rule, Status.FAILED, reason);
    }

    private static RuleResult na(ScorecardRule rule, String reason) {
        return new RuleResult(rule, Status.NOT_APPLICABLE, reason);
    }
}
