package dev.runway.provisioning.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.provisioning.domain.RequestEvent;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class RequestEventRepository implements PanacheRepository<RequestEvent> {
    public List<RequestEvent> forRequest(UUID requestId) {
        return list("requestId = ?1 order by id", requestId);
    }
}
