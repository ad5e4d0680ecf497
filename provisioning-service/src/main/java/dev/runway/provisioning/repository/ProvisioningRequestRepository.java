package dev.runway.provisioning.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.runway.common.persistence.AdvisoryLock;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.domain.RequestState;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class ProvisioningRequestRepository implements PanacheRepositoryBase<ProvisioningRequest, UUID> {

    public Optional<ProvisioningRequest> findByIdempotencyKey(String requestedBy, String key) {
        return find("requestedBy = ?1 and idempotencyKey = ?2", requestedBy, key).firstResultOptional();
    }

    /** A key of the newest-first order of lists: (created_at, id), both descending. */
    public record Position(Instant createdAt, UUID id) {
    }

    /** Up to {@code size} requests of the kind after {@code after} (from the newest when null), newest first. */
    public List<ProvisioningRequest> pageByKind(RequestKind kind, Position after, int size) {
        return newestFirst("kind = :kind", Parameters.with("kind", kind), after, size);
    }

    /**
     * A page of the requests of the given teams or environments (a database by the environment it belongs to), newest
     * first, after {@code after}: the candidates of a caller who may not see everything.
     */
    public List<ProvisioningRequest> pageByKindWithin(RequestKind kind, Position after, int size,
            Collection<String> teams, Collection<UUID> environments) {
        if (teams.isEmpty() && environments.isEmpty()) {
            return List.of();
        }
        // Never empty IN lists: no team is named "" and no request has the nil id.
        Collection<String> inTeams = teams.isEmpty() ? List.of("") : teams;
        Collection<UUID> inEnvironments = environments.isEmpty() ? List.of(new UUID(0, 0)) : environments;
        String environment = kind == RequestKind.DATABASE ? "environmentId" : "id";
        return newestFirst("kind = :kind and (team in :teams or " + environment + " in :environments)",
                Parameters.with("kind", kind).and("teams", inTeams).and("environments", inEnvironments), after, size);
    }

    /** Up to {@code size} rows matching {@code filter} after {@code after} (from the newest when null), newest first. */
    private List<ProvisioningRequest> newestFirst(String filter, Parameters parameters, Position after, int size) {
        if (after != null) {
            filter += " and (createdAt < :afterAt or (createdAt = :afterAt and id < :afterId))";
            parameters.and("afterAt", after.createdAt()).and("afterId", after.id());
        }
        return find(filter + " order by createdAt desc, id desc", parameters).range(0, size - 1).list();
    }

    public List<ProvisioningRequest> listByKindAndTeams(RequestKind kind, Collection<String> teams) {
        return list("kind = ?1 and team in ?2 order by createdAt", kind, teams);
    }

    /** Requests of the team that still hold (or will hold) resources, for quotas. */
    public List<ProvisioningRequest> live(String team, RequestKind kind) {
        return list("team = ?1 and kind = ?2 and state not in ?3", team, kind, RequestState.GONE);
    }

    public boolean physicalNameTaken(RequestKind kind, String physicalName) {
        return count("kind = ?1 and physicalName = ?2 and state not in ?3", kind, physicalName,
                RequestState.GONE) > 0;
    }

    public List<ProvisioningRequest> databasesOf(UUID environmentId) {
        return list("kind = ?1 and environmentId = ?2", RequestKind.DATABASE, environmentId);
    }

    /**
     * The request with its row locked for this transaction ({@code FOR UPDATE}), waiting while a reconciler step
     * holds it: a change made through the API then applies to the row as that step left it, instead of failing
     * at commit on a version the step has moved on.
     */
    public Optional<ProvisioningRequest> findForChange(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The environment's databases, locked as {@link #findForChange}; lock the environment first. */
    public List<ProvisioningRequest> databasesOfForChange(UUID environmentId) {
        return find("kind = ?1 and environmentId = ?2 order by id", RequestKind.DATABASE, environmentId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The environment a database belongs to, read without loading (or locking) the database. */
    public Optional<UUID> environmentIdOf(UUID databaseId) {
        return find("id = ?1 and kind = ?2", databaseId, RequestKind.DATABASE).project(EnvironmentIdOnly.class)
                .firstResultOptional().map(EnvironmentIdOnly::environmentId);
    }

    /** Serialises work on one key (a team's quota, an idempotency key) across transactions and replicas. */
    public void lock(String key) {
        AdvisoryLock.acquire(getEntityManager(), key);
    }

    /**
     * Claims one due request for this transaction; rows another replica is working on are skipped, so two
     * reconcilers never work the same request.
     */
    public Optional<ProvisioningRequest> claimDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<ProvisioningRequest> rows = getEntityManager().createNativeQuery(
                "SELECT * FROM provisioning_request WHERE next_attempt_at <= ?1 ORDER BY next_attempt_at "
                        + "LIMIT 1 FOR UPDATE SKIP LOCKED", ProvisioningRequest.class)
                .setParameter(1, now).getResultList();
        return rows.stream().findFirst();
    }

    /** Claims the given request if it is due and no one else holds it. */
    public Optional<ProvisioningRequest> claim(UUID id, Instant now) {
        @SuppressWarnings("unchecked")
        List<ProvisioningRequest> rows = getEntityManager().createNativeQuery(
                "SELECT * FROM provisioning_request WHERE id = ?1 AND next_attempt_at <= ?2 "
                        + "FOR UPDATE SKIP LOCKED", ProvisioningRequest.class)
                .setParameter(1, id).setParameter(2, now).getResultList();
        return rows.stream().findFirst();
    }

    /** Locks the request unless another transaction holds it. */
    public Optional<ProvisioningRequest> lockIfFree(UUID id) {
        @SuppressWarnings("unchecked")
        List<ProvisioningRequest> rows = getEntityManager().createNativeQuery(
                "SELECT * FROM provisioning_request WHERE id = ?1 FOR UPDATE SKIP LOCKED", ProvisioningRequest.class)
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst();
    }

    /** Live environments whose TTL has passed. */
    public List<UUID> expired(Instant now) {
        return find("kind = ?1 and desired = ?2 and expiresAt <= ?3 and state not in ?4", RequestKind.ENVIRONMENT,
                ProvisioningRequest.Desired.PRESENT, now, RequestState.GONE)
                .project(IdOnly.class).list().stream().map(IdOnly::id).toList();
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record IdOnly(UUID id) {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record EnvironmentIdOnly(UUID environmentId) {
    }
}
