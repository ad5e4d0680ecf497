package dev.runway.access.rest.dto;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import dev.runway.access.policy.Scopes;

public record RoleBindingRequest(
        @NotBlank @Pattern(regexp = Scopes.SUBJECT_REGEX, message = Scopes.SUBJECT_MESSAGE) String subject,
        @NotBlank @Pattern(regexp = RoleBindingRequest.ROLE_REGEX, message = RoleBindingRequest.ROLE_MESSAGE) String role,
        @NotBlank @Pattern(regexp = Scopes.SCOPE_REGEX, message = Scopes.SCOPE_MESSAGE) String scope,
        Instant expiresAt) {

    public static final String ROLE_REGEX = "viewer|developer|maintainer|owner|approver|auditor|platform-admin";
    public static final String ROLE_MESSAGE = "must be one of viewer, developer, maintainer, owner, approver, auditor, platform-admin";
}
