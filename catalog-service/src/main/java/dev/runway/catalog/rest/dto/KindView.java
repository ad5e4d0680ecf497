package dev.runway.catalog.rest.dto;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A kind the catalog holds: built-in (Backstage's own, and the scaffolder's Template) or registered by a
 * platform-admin. Built-in kinds have no version or author; specSchema is absent where the kind is checked by code.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KindView(String name, boolean builtin, String description, List<String> apiVersions,
        JsonNode specSchema, List<Relation> relations, Integer version, Instant updatedAt, String updatedBy) {

    /** A spec field holding entity references; defaultKind null means each reference must name its kind. */
    public record Relation(String field, String relation, String defaultKind, boolean array) {
    }
}
