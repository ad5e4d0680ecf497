package dev.runway.catalog.rest.dto;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One page of entities (projected when {@code fields} was given); {@code nextCursor} is null on the last page. */
public record EntityPage(List<JsonNode> items, String nextCursor, int limit) {
}
