package dev.runway.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.catalog.domain.HistoryEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class HistoryRepository implements PanacheRepository<HistoryEntry> {

    /**
     * Appends history entries in one statement (see {@link EntityRepository#writeAll}); ids come from the table's
     * sequence in the order given, so a later change of an entity always has a higher id.
     */
    public void appendAll(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        getEntityManager().createNativeQuery("""
                INSERT INTO entity_history (entity_id, ref, version, action, actor, occurred_at, patch)
                SELECT entity_id::uuid, ref, version::integer, action, actor, occurred_at::timestamptz, patch::jsonb
                FROM unnest(?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    WITH ORDINALITY AS x(entity_id, ref, version, action, actor, occurred_at, patch, position)
                ORDER BY position
                """)
                .setParameter(1, SqlArrays.column(entries, e -> e.entityId.toString()))
                .setParameter(2, SqlArrays.column(entries, e -> e.ref))
                .setParameter(3, SqlArrays.column(entries, e -> Integer.toString(e.version)))
                .setParameter(4, SqlArrays.column(entries, e -> e.action))
                .setParameter(5, SqlArrays.column(entries, e -> e.actor))
                .setParameter(6, SqlArrays.column(entries, e -> e.occurredAt.toString()))
                .setParameter(7, SqlArrays.column(entries, e -> e.patch))
                .executeUpdate();
    }

    /** Newest first. */
    public List<HistoryEntry> forEntity(UUID entityId) {
        return list("entityId = ?1 order by id desc", entityId);
    }
}
