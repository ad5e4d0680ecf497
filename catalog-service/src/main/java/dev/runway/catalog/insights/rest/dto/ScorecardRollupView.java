package dev.runway.catalog.insights.rest.dto;

import java.util.List;
import java.util.Map;

/** A team's entities against one scorecard: how many reached each level, which rules fail most, and each entity. */
public record ScorecardRollupView(String team, EntityScorecardView.ScorecardRef scorecard, int entities,
        Map<String, Integer> levels, List<FailingRule> failingRules, List<EntityLevel> items) {

    public record FailingRule(String id, String description, String level, String check, int failing) {
    }

    public record EntityLevel(String entityRef, String kind, String level, int failedRules) {
    }
}
