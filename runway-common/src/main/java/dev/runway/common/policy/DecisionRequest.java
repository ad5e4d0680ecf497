package dev.runway.common.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One question to the policy decision point: may {@code subject} do {@code action} on {@code resource}?
 * Without a subject the question is about the caller of the bearer token.
 */
public record DecisionRequest(
        @Valid DecisionSubject subject,
        @NotBlank @Size(max = 128) String action,
        @NotNull @Valid DecisionResource resource) {

    public static DecisionRequest forCaller(String action, DecisionResource resource) {
        return new DecisionRequest(null, action, resource);
    }
}
