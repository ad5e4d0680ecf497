package dev.runway.catalog.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.catalog.domain.HistoryEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class HistoryRepository implements PanacheRepository<HistoryEntry> {

    /** Newest first. */
    public List<HistoryEntry> forEntity(UUID entityId) {
        return list("entityId = ?1 order by id desc", entityId);
    }
}
