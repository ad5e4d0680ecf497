package dev.runway.catalog.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.catalog.domain.CatalogEntity;
import dev.runway.common.persistence.AdvisoryLock;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class EntityRepository implements PanacheRepositoryBase<CatalogEntity, UUID> {

    /**
     * Writes new versions of entity rows (inserted, or updated by id) in one statement, the columns sent as arrays
     * and unnested server-side. Writes bypass the persistence context: flushing hundreds of entities of an import
     * through it (persist, dirty checking, one statement per row, one facet trigger per statement) cost more than
     * the rest of the import. Rows given here must not be managed instances changed in place, or the persistence
     * context would write them a second time.
     */
    public void writeAll(List<CatalogEntity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        getEntityManager().createNativeQuery("""
                INSERT INTO entity (id, ref, kind, namespace, name, type, lifecycle, owner_ref, system_ref, tags,
                    labels, body, search_text, etag, version, created_at, created_by, updated_at, updated_by,
                    deleted_at, deleted_by)
                SELECT id::uuid, ref, kind, namespace, name, type, lifecycle, owner_ref, system_ref, tags::text[],
                    labels::jsonb, body::jsonb, search_text, etag, version::integer, created_at::timestamptz,
                    created_by, updated_at::timestamptz, updated_by, deleted_at::timestamptz, deleted_by
                FROM unnest(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                    ?20, ?21)
                    AS x(id, ref, kind, namespace, name, type, lifecycle, owner_ref, system_ref, tags, labels, body,
                         search_text, etag, version, created_at, created_by, updated_at, updated_by, deleted_at,
                         deleted_by)
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, namespace = EXCLUDED.namespace,
                    name = EXCLUDED.name, type = EXCLUDED.type, lifecycle = EXCLUDED.lifecycle,
                    owner_ref = EXCLUDED.owner_ref, system_ref = EXCLUDED.system_ref, tags = EXCLUDED.tags,
                    labels = EXCLUDED.labels, body = EXCLUDED.body, search_text = EXCLUDED.search_text,
                    etag = EXCLUDED.etag, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at,
                    updated_by = EXCLUDED.updated_by, deleted_at = EXCLUDED.deleted_at,
                    deleted_by = EXCLUDED.deleted_by
                """)
                .setParameter(1, SqlArrays.column(rows, r -> r.id.toString()))
                .setParameter(2, SqlArrays.column(rows, r -> r.ref))
                .setParameter(3, SqlArrays.column(rows, r -> r.kind))
                .setParameter(4, SqlArrays.column(rows, r -> r.namespace))
                .setParameter(5, SqlArrays.column(rows, r -> r.name))
                .setParameter(6, SqlArrays.column(rows, r -> r.type))
                .setParameter(7, SqlArrays.column(rows, r -> r.lifecycle))
                .setParameter(8, SqlArrays.column(rows, r -> r.ownerRef))
                .setParameter(9, SqlArrays.column(rows, r -> r.systemRef))
                .setParameter(10, SqlArrays.column(rows, r -> SqlArrays.textArrayLiteral(r.tags)))
                .setParameter(11, SqlArrays.column(rows, r -> r.labels))
                .setParameter(12, SqlArrays.column(rows, r -> r.body))
                .setParameter(13, SqlArrays.column(rows, r -> r.searchText))
                .setParameter(14, SqlArrays.column(rows, r -> r.etag))
                .setParameter(15, SqlArrays.column(rows, r -> Integer.toString(r.version)))
                .setParameter(16, SqlArrays.column(rows, r -> r.createdAt.toString()))
                .setParameter(17, SqlArrays.column(rows, r -> r.createdBy))
                .setParameter(18, SqlArrays.column(rows, r -> r.updatedAt.toString()))
                .setParameter(19, SqlArrays.column(rows, r -> r.updatedBy))
                .setParameter(20, SqlArrays.column(rows, r -> r.deletedAt == null ? null : r.deletedAt.toString()))
                .setParameter(21, SqlArrays.column(rows, r -> r.deletedBy))
                .executeUpdate();
    }

    /** The row for a canonical ref, live or tombstone. */
    public Optional<CatalogEntity> findByRef(String ref) {
        return find("ref", ref).firstResultOptional();
    }

    /**
     * Serialises, until the end of the transaction, the writers that may create the entity of this ref: a unique
     * violation would abort the whole transaction, so two writers must not both see it missing and insert it.
     */
    public void lockRef(String ref) {
        AdvisoryLock.acquire(getEntityManager(), "entity:" + ref);
    }
}
