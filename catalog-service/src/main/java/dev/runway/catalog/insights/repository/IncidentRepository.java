package dev.runway.catalog.insights.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.catalog.insights.domain.Incident;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    public Optional<Incident> findByExternalId(String externalId) {
        return find("externalId", externalId).firstResultOptional();
    }

    /** Newest first; {@code open} null for all, true for unresolved only, false for resolved only. */
    public List<Incident> latest(String entityRef, Boolean open, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (entityRef != null) {
            q.append(" and entityRef = :ref");
            p.and("ref", entityRef);
        }
        if (open != null) {
            q.append(open ? " and resolvedAt is null" : " and resolvedAt is not null");
        }
        return find(q.toString(), Sort.descending("openedAt").and("externalId"), p).page(0, limit).list();
    }
}
