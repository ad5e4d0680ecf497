package dev.runway.catalog.insights.rest.dto;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

import dev.runway.common.json.TypeMessage;

/** The resolution of an open incident ({@code PATCH /api/v1/incidents/{externalId}}). */
public record ResolutionBody(@TypeMessage(Bodies.INSTANT) @NotNull(message = Bodies.REQUIRED) Instant resolvedAt) {
}
