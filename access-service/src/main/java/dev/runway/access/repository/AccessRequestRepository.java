package dev.runway.access.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.runway.access.domain.AccessRequest;
import dev.runway.access.domain.AccessRequest.Status;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class AccessRequestRepository implements PanacheRepositoryBase<AccessRequest, UUID> {

    public List<AccessRequest> byRequester(String requester, int limit) {
        return find("requester", Sort.descending("createdAt"), requester).page(Page.ofSize(limit)).list();
    }

    public List<AccessRequest> pending(Instant now) {
        return list("status = ?1 and expiresAt > ?2", Sort.by("createdAt"), Status.PENDING, now);
    }

    public boolean pendingExists(String requester, String role, String scope, Instant now) {
        return count("requester = ?1 and role = ?2 and scope = ?3 and status = ?4 and expiresAt > ?5",
                requester, role, scope, Status.PENDING, now) > 0;
    }

    public AccessRequest lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Lapsed pending requests, locked and skipped by a concurrent expiry job on another replica. */
    public List<AccessRequest> lockLapsed(Instant now, int limit) {
        return find("status = ?1 and expiresAt <= ?2", Sort.by("expiresAt"), Status.PENDING, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2)
                .page(Page.ofSize(limit)).list();
    }
}
