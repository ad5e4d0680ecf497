package dev.runway.provisioning.rest.dto;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
/**
 * @param catalogSynced whether catalog-service matches the state (its Resource registered while READY, removed once
 *                      DELETED); false while that is still being retried, with {@code catalogReason} the last failure
 */
public record RequestView(UUID id, String kind, String name, String team, String template, String templateVersion,
        Map<String, Object> parameters, String state, String reason, Boolean retryable, int attempts,
        Instant nextAttemptAt, String namespace, UUID environment, String requestedBy, boolean approvalRequired,
        String decidedBy, Instant expiresAt, String secretName, String component, boolean catalogSynced, String catalogReason,
        Instant createdAt, Instant updatedAt) {
}
