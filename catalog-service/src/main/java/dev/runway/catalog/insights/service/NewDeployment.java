package dev.runway.catalog.insights.service;

import java.time.Instant;
import java.util.List;

/**
 * A deployment as CI reports it, checked field by field: environment and status lower-case, commit times distinct and
 * sorted, the entity ref as written (the service resolves it).
 */
public record NewDeployment(String entityRef, String environment, String version, String commitSha,
        List<Instant> commitTimes, Instant firstCommitAt, Instant startedAt, Instant finishedAt, String status,
        boolean rework, String externalId) {
}
