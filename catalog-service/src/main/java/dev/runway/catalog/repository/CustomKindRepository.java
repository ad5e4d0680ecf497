package dev.runway.catalog.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.runway.catalog.domain.CustomKind;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class CustomKindRepository implements PanacheRepositoryBase<CustomKind, String> {

    /**
     * The kind's row, share-locked until the transaction ends: an entity write of a custom kind holds it, so the
     * kind cannot be deleted between the check that it exists and the entity's commit.
     */
    public Optional<CustomKind> lockShared(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_READ).firstResultOptional();
    }

    /** The kind's row, locked against entity writes of the kind and other changes of it. */
    public Optional<CustomKind> lockExclusive(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** How many live (not deleted) entities there are of a kind. */
    public long liveEntities(String name) {
        return ((Number) getEntityManager().createNativeQuery(
                "SELECT count(*) FROM entity WHERE kind = ?1 AND deleted_at IS NULL")
                .setParameter(1, name).getSingleResult()).longValue();
    }
}
