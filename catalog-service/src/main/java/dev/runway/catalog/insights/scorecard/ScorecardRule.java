package dev.runway.catalog.insights.scorecard;

/** One rule of a scorecard: a check from the fixed vocabulary, at a level. */
public record ScorecardRule(String id, String description, ScorecardLevel level, ScorecardCheck check) {
}
