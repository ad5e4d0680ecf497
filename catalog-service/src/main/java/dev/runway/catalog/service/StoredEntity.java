package dev.runway.catalog.service;

import java.util.List;

import dev.runway.catalog.repository.RelationRepository.StoredRelation;

/** One stored version of a live entity: its descriptor, uid and ETag, and the relations it has now. */
public record StoredEntity(String body, String uid, String etag, List<StoredRelation> relations) {
}
