package dev.runway.catalog.insights.scorecard;

import java.time.Instant;

/**
 * What the checks look at for one entity, loaded for many entities in one query. Booleans are computed by
 * PostgreSQL from the descriptor (jsonb) and the filter columns.
 */
public record EntityFacts(String ref, String kind, String ownerRef, String lifecycle, String systemRef,
        boolean ownerIsGroup, boolean hasDescription, boolean hasTags, boolean apiHasDefinition,
        boolean hasDocsOrRunbook, boolean hasOnCall, boolean hasSourceLocation, Instant lastDeployment) {
}
