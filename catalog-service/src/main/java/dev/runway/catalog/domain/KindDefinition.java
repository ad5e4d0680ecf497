package dev.runway.catalog.domain;

import java.util.List;

/**
 * Everything the catalog needs to validate, store and relate entities of one kind: a built-in kind of Backstage's
 * model, or a custom kind a platform-admin registered as data.
 *
 * @param name the kind as written in descriptors (matched case-sensitively, as Backstage's kind schemas do)
 * @param apiVersions the apiVersions an entity of this kind may declare
 * @param refFields the spec fields holding entity references, and the relation each generates
 * @param specSchema the JSON Schema of {@code spec}, or null when a built-in kind is checked by code alone
 * @param builtin the built-in kind, or null for a registered one
 */
public record KindDefinition(String name, List<String> apiVersions, List<EntityKind.RefField> refFields,
        SpecSchema specSchema, EntityKind builtin) {

    public KindDefinition {
        apiVersions = List.copyOf(apiVersions);
        refFields = List.copyOf(refFields);
    }

    public static KindDefinition of(EntityKind kind) {
        return new KindDefinition(kind.wireName, kind.apiVersions, kind.refFields,
                kind.specSchemaResource == null ? null : SpecSchema.resource(kind.specSchemaResource), kind);
    }

    public boolean isBuiltin() {
        return builtin != null;
    }

    public boolean is(EntityKind kind) {
        return builtin == kind;
    }
}
