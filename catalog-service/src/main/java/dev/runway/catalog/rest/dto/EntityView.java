package dev.runway.catalog.rest.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An entity as the API shows it: the descriptor with server-generated {@code metadata.uid} and {@code metadata.etag},
 * its relations (both directions, with whether each target exists) and the refs that point at nothing yet.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityView(String apiVersion, String kind, JsonNode metadata, JsonNode spec,
        List<RelationView> relations, List<String> danglingRefs) {

    public record RelationView(String type, String targetRef, boolean resolved) {
    }
}
