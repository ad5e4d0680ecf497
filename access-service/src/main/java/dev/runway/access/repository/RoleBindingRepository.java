package dev.runway.access.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.runway.access.domain.RoleBinding;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RoleBindingRepository implements PanacheRepositoryBase<RoleBinding, UUID> {

    public List<RoleBinding> search(String subject, String scope, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (subject != null) {
            query.append(" and subject = :subject");
            params.and("subject", subject);
        }
        if (scope != null) {
            query.append(" and scope = :scope");
            params.and("scope", scope);
        }
        return find(query.toString(), Sort.by("createdAt").and("id"), params).page(Page.ofSize(limit)).list();
    }

    public List<RoleBinding> ofTeam(String team) {
        return list("subject = ?1 or scope = ?1", Sort.by("createdAt"), "team:" + team);
    }

    public List<String> teamScopes() {
        return getEntityManager().createQuery(
                "select distinct b.scope from RoleBinding b where b.scope like 'team:%'", String.class).getResultList();
    }

    public boolean existsPlain(String subject, String role, String scope) {
        return count("subject = ?1 and role = ?2 and scope = ?3 and accessRequestId is null", subject, role, scope) > 0;
    }

    public List<RoleBinding> liveGrantsOf(String username, Instant now) {
        return list("subject = ?1 and accessRequestId is not null and expiresAt > ?2", Sort.by("expiresAt"),
                "user:" + username, now);
    }

    public List<RoleBinding> liveGrants(Instant now) {
        return list("accessRequestId is not null and expiresAt > ?1", Sort.by("expiresAt"), now);
    }

    /** Expired bindings, locked so that two replicas running the expiry job never process the same one. */
    public List<RoleBinding> lockExpired(Instant now, int limit) {
        return find("expiresAt <= ?1", Sort.by("expiresAt"), now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2)
                .page(Page.ofSize(limit)).list();
    }
}
