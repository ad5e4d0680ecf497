package dev.runway.catalog.rest.dto;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/** One change: the version it produced, who made it, when, and the RFC 6902 JSON Patch from the version before. */
public record HistoryView(int version, String action, String actor, OffsetDateTime occurredAt, JsonNode patch) {
}
