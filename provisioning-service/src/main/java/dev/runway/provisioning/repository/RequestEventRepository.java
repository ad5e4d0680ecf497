package dev.runway.provisioning.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.provisioning.domain.RequestEvent;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class RequestEventRepository implements PanacheRepository<RequestEvent> {
    /** Up to {@code size} events of the request after event {@code afterId} (from the first when null), oldest first. */
    public List<RequestEvent> forRequest(UUID requestId, Long afterId, int size) {
        if (afterId == null) {
            return find("requestId = ?1 order by id", requestId).range(0, size - 1).list();
        }
        return find("requestId = ?1 and id > ?2 order by id", requestId, afterId).range(0, size - 1).list();
    }
}
