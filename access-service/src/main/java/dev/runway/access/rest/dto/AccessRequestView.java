package dev.runway.access.rest.dto;

import java.time.Instant;
import java.util.UUID;

/** {@code duration} is ISO-8601; {@code expiresAt}: when the request lapses if still pending. */
public record AccessRequestView(UUID id, String requester, String role, String scope, String duration,
        String justification, String status, Instant createdAt, Instant expiresAt, String decidedBy,
        Instant decidedAt, String comment, UUID grantId) {
}
