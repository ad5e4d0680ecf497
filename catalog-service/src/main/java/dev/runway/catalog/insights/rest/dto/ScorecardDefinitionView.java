package dev.runway.catalog.insights.rest.dto;

import java.time.Instant;
import java.util.List;

/** A scorecard as stored; the same shape (without version and updated*) is what PUT accepts. */
public record ScorecardDefinitionView(String id, String title, String description, List<String> appliesTo,
        List<Rule> rules, int version, Instant updatedAt, String updatedBy) {

    public record Rule(String id, String description, String level, String check) {
    }
}
