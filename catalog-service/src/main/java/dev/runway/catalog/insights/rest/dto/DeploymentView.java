package dev.runway.catalog.insights.rest.dto;

import java.time.Instant;
import java.util.List;

/** A recorded deployment; {@code leadTimeSeconds} is null when it carried no commit times. */
public record DeploymentView(String id, String externalId, String entityRef, String environment, String version,
        String commitSha, List<Instant> commitTimes, Instant firstCommitAt, Instant startedAt, Instant finishedAt,
        String status, boolean rework, Long leadTimeSeconds, Instant recordedAt, String recordedBy) {
}
