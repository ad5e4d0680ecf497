package dev.runway.catalog.domain;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.common.catalog.EntityRef;

/**
 * A descriptor that passed validation, normalized (default namespace filled in, server-generated and read-only
 * fields removed), with the denormalized values the catalog filters on and the relations it emits.
 */
public record ValidatedEntity(EntityRef ref, KindDefinition kind, ObjectNode body, String type, String lifecycle,
        String ownerRef, String systemRef, List<String> tags, List<Relation> relations) {

    public String title() {
        return body.path("metadata").path("title").asText(null);
    }

    public String description() {
        return body.path("metadata").path("description").asText(null);
    }

    /** The team that owns an entity: spec.owner, or for a Group the group itself. */
    public String owningRef() {
        if (ownerRef != null) {
            return ownerRef;
        }
        return kind.is(EntityKind.GROUP) ? ref.canonical() : null;
    }
}
