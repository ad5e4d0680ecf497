package dev.runway.catalog.insights.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.catalog.insights.domain.Deployment;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, UUID> {

    public Optional<Deployment> findByExternalId(String externalId) {
        return find("externalId", externalId).firstResultOptional();
    }

    /** Newest first, optionally of one entity and one environment. */
    public List<Deployment> latest(String entityRef, String environment, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (entityRef != null) {
            q.append(" and entityRef = :ref");
            p.and("ref", entityRef);
        }
        if (environment != null) {
            q.append(" and environment = :env");
            p.and("env", environment);
        }
        return find(q.toString(), Sort.descending("finishedAt").and("externalId"), p).page(0, limit).list();
    }
}
