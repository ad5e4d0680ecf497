package dev.runway.provisioning.rest.dto;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestView(UUID id, String kind, String name, String team, String template, String templateVersion,
        Map<String, Object> parameters, String state, String reason, Boolean retryable, int attempts,
        Instant nextAttemptAt, String namespace, UUID environment, String requestedBy, boolean approvalRequired,
        String decidedBy, Instant expiresAt, String secretName, Instant createdAt, Instant updatedAt) {
}
