package dev.runway.catalog.insights.service;

import java.time.Instant;

/**
 * An incident as on-call tooling reports it, checked field by field: severity normalised to {@code sev1}..{@code sev4},
 * the entity ref as written (the service resolves it).
 */
public record NewIncident(String entityRef, String severity, Instant openedAt, Instant resolvedAt,
        String causedByDeployment, String externalId) {
}
