package dev.runway.catalog.insights.rest.dto;

import java.time.Instant;

/** A recorded incident; {@code timeToRestoreSeconds} is null while it is open. */
public record IncidentView(String id, String externalId, String entityRef, String severity, Instant openedAt,
        Instant resolvedAt, boolean open, Long timeToRestoreSeconds, String causedByDeployment, Instant recordedAt,
        String recordedBy, String resolvedBy) {
}
