package dev.runway.catalog.rest.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.runway.common.error.Problem;

/** The verdict on every document of a validate request; nothing is stored. */
public record ValidationReport(boolean valid, List<DocumentVerdict> documents) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DocumentVerdict(int index, String entityRef, boolean valid, List<Problem.Violation> violations) {
    }
}
