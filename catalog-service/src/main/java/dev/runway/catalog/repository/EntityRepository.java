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
}
