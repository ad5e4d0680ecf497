package dev.runway.catalog.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.catalog.domain.CatalogEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class EntityRepository implements PanacheRepositoryBase<CatalogEntity, UUID> {

    /** The row for a canonical ref, live or tombstone. */
    public Optional<CatalogEntity> findByRef(String ref) {
        return find("ref", ref).firstResultOptional();
    }

    /**
     * Serialises, until the end of the transaction, the writers that may create the entity of this ref: a unique
     * violation would abort the whole transaction, so two writers must not both see it missing and insert it.
     */
    public void lockRef(String ref) {
        getEntityManager().createNativeQuery("SELECT count(*) FROM pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, ref).getSingleResult();
    }
}
