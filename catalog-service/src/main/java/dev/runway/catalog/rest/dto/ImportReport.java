package dev.runway.catalog.rest.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.runway.common.error.Problem;

/** What an import did (or, on a dry run, would do) with each document. */
public record ImportReport(boolean dryRun, boolean applied, int created, int updated, int unchanged, int rejected,
        List<Item> items) {

    /** @param outcome created, updated, unchanged or rejected */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Item(int index, String entityRef, String outcome, String reason, List<Problem.Violation> violations) {
    }
}
