package dev.runway.catalog.insights.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.catalog.insights.domain.ScorecardDefinition;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ScorecardDefinitionRepository implements PanacheRepositoryBase<ScorecardDefinition, String> {
}
