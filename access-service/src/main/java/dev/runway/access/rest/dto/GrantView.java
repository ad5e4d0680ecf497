package dev.runway.access.rest.dto;

import java.time.Instant;
import java.util.UUID;

public record GrantView(UUID id, String subject, String role, String scope, Instant expiresAt, UUID accessRequestId,
        String grantedBy) {
}
