package dev.runway.catalog.service;

import java.util.List;

import dev.runway.common.error.Problem;

/** What an import did (or, on a dry run, would do) with each document, in the order sent. */
public record ImportResult(boolean dryRun, List<Item> items) {

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, REJECTED
    }

    /** @param violations the descriptor's own violations, when it was rejected as invalid */
    public record Item(int index, String entityRef, Outcome outcome, String reason,
            List<Problem.Violation> violations) {
    }

    public int count(Outcome outcome) {
        return (int) items.stream().filter(i -> i.outcome() == outcome).count();
    }
}
