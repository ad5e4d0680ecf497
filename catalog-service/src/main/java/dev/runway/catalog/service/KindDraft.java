package dev.runway.catalog.service;

import java.util.List;

import dev.runway.catalog.domain.EntityKind;
import dev.runway.catalog.domain.SpecSchema;

/** A custom kind as a platform-admin sends it, already checked field by field. */
public record KindDraft(String description, List<String> apiVersions, SpecSchema specSchema,
        List<EntityKind.RefField> refFields) {
}
