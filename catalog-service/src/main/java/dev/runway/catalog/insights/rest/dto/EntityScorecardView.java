package dev.runway.catalog.insights.rest.dto;

import java.util.List;

/** One entity against one scorecard: every rule's verdict with its reason, and the level reached. */
public record EntityScorecardView(String entityRef, ScorecardRef scorecard, String level, int passed, int failed,
        int notApplicable, List<RuleVerdict> rules) {

    public record ScorecardRef(String id, String title) {
    }

    /** @param status passed, failed or not_applicable; @param passed false only when failed */
    public record RuleVerdict(String id, String description, String level, String check, String status,
            boolean passed, String reason) {
    }
}
