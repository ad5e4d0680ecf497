package dev.runway.catalog.insights.rest.dto;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.runway.catalog.insights.service.ExternalIds;
import dev.runway.common.json.TypeMessage;

/**
 * An incident as on-call tooling reports it ({@code POST /api/v1/incidents}); text trimmed. Resolved after opened is
 * the mapper's rule.
 */
public record IncidentBody(
        @TypeMessage(Bodies.STRING) @NotNull(message = Bodies.REQUIRED)
        @Size(min = 1, message = Bodies.STRING) @Size(max = 400, message = "must be at most 400 characters")
        String entityRef,
        @TypeMessage(Bodies.STRING) @NotNull(message = Bodies.REQUIRED) @Known(Known.Vocabulary.SEVERITY)
        String severity,
        @TypeMessage(Bodies.INSTANT) @NotNull(message = Bodies.REQUIRED) Instant openedAt,
        @TypeMessage(Bodies.INSTANT) Instant resolvedAt,
        @TypeMessage(Bodies.STRING) @Pattern(regexp = ExternalIds.FORMAT, message = Bodies.EXTERNAL_ID)
        String causedByDeployment,
        @TypeMessage(Bodies.STRING) @NotNull(message = Bodies.REQUIRED)
        @Pattern(regexp = ExternalIds.FORMAT, message = Bodies.EXTERNAL_ID) String externalId) {

    public IncidentBody {
        entityRef = Bodies.trim(entityRef);
        severity = Bodies.trim(severity);
        causedByDeployment = Bodies.trim(causedByDeployment);
        externalId = Bodies.trim(externalId);
    }
}
