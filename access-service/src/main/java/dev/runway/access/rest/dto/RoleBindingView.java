package dev.runway.access.rest.dto;

import java.time.Instant;
import java.util.UUID;

/** {@code accessRequestId} is set when the binding is a grant from an approved access request. */
public record RoleBindingView(UUID id, String subject, String role, String scope, Instant expiresAt,
        Instant createdAt, String createdBy, UUID accessRequestId) {
}
