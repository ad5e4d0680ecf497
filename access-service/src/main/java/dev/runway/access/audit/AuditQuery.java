package dev.runway.access.audit;

import java.time.Instant;

/**
 * Filters of an audit search; {@code null} means "any". {@code resourcePrefix} matches the start of the resource;
 * {@code from} is inclusive and {@code to} exclusive on the time the event occurred; {@code onlyActor} is the
 * visibility restriction of a caller who may only see her own events.
 */
public record AuditQuery(String actor, String team, String action, String resourcePrefix, String outcome,
        String source, Instant from, Instant to, String onlyActor) {
}
