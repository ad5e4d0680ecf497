package dev.runway.catalog.insights.rest.dto;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.runway.catalog.insights.domain.Deployment;
import dev.runway.catalog.insights.service.ExternalIds;
import dev.runway.common.json.TypeMessage;

/**
 * A deployment as CI reports it ({@code POST /api/v1/deployments}); text trimmed. Rules across fields (finishedAt
 * after startedAt, commits older than the deployment) are the mapper's.
 */
public record DeploymentBody(
        @TypeMessage(Bodies.STRING) @NotNull(message = Bodies.REQUIRED)
        @Size(min = 1, message = Bodies.STRING) @Size(max = 400, message = "must be at most 400 characters")
        String entityRef,
        @TypeMessage(Bodies.STRING) @NotNull(message = Bodies.REQUIRED)
        @Pattern(regexp = Deployment.ENVIRONMENT_FORMAT, flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "must be letters, digits, . _ - (e.g. production)")
        String environment,
        @TypeMessage(Bodies.STRING) @NotNull(message = Bodies.REQUIRED)
        @Size(min = 1, message = Bodies.STRING) @Size(max = 200, message = "must be at most 200 characters")
        String version,
        @TypeMessage(Bodies.STRING)
        @Size(min = 1, message = Bodies.STRING) @Size(max = 200, message = "must be at most 200 characters")
        String commitSha,
        @TypeMessage(value = "must be an array of ISO-8601 instants", element = Bodies.INSTANT_ELEMENT)
        @Size(max = 10_000, message = "must have at most 10000 entries")
        List<@NotNull(message = Bodies.INSTANT_ELEMENT) Instant> commitTimes,
        @TypeMessage(Bodies.INSTANT) Instant firstCommitAt,
        @TypeMessage(Bodies.INSTANT) @NotNull(message = Bodies.REQUIRED) Instant startedAt,
        @TypeMessage(Bodies.INSTANT) @NotNull(message = Bodies.REQUIRED) Instant finishedAt,
        @TypeMessage(Bodies.STRING) @Known(value = Known.Vocabulary.DEPLOYMENT_STATUS)
        @NotNull(message = Bodies.REQUIRED) String status,
        @TypeMessage("must be true or false") Boolean rework,
        @TypeMessage(Bodies.STRING) @NotNull(message = Bodies.REQUIRED)
        @Pattern(regexp = ExternalIds.FORMAT, message = Bodies.EXTERNAL_ID) String externalId) {

    public DeploymentBody {
        entityRef = Bodies.trim(entityRef);
        environment = Bodies.trim(environment);
        version = Bodies.trim(version);
        commitSha = Bodies.trim(commitSha);
        status = Bodies.trim(status);
        externalId = Bodies.trim(externalId);
    }
}
