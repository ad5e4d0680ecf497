package dev.runway.provisioning.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.runway.common.catalog.EntityRef;
import dev.runway.common.error.ConflictException;

/**
 * An environment or database request: desired state plus the reconciler's recorded progress. It owns its lifecycle:
 * every change of state, step or schedule is one of the transitions below, which check that it is legal here and
 * return the {@link RequestEvent} to record (the caller records it with its audit, see {@code Lifecycle}). Nothing
 * outside writes a field.
 */
@Entity
@Table(name = "provisioning_request")
public class ProvisioningRequest {
    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    private RequestKind kind;
    private String name;
    private String team;
    @Column(name = "template_id")
    private String templateId;
    @Column(name = "template_version")
    private String templateVersion;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> parameters;
    @Column(name = "cpu_millis")
    private int cpuMillis;
    @Column(name = "memory_mib")
    private int memoryMib;
    @Column(name = "environment_id")
    private UUID environmentId;
    @Column(name = "physical_name")
    private String physicalName;
    private String namespace;
    @Column(name = "requested_by")
    private String requestedBy;
    @Column(name = "idempotency_key")
    private String idempotencyKey;
    @Column(name = "approval_required")
    private boolean approvalRequired;
    @Column(name = "decided_by")
    private String decidedBy;
    @Enumerated(EnumType.STRING)
    private RequestState state;
    @Enumerated(EnumType.STRING)
    private Desired desired;
    /** The name of the next step of the kind's plan while PROVISIONING or DEPROVISIONING, else null. */
    private String step;
    private String reason;
    private Boolean retryable;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "secret_name")
    private String secretName;
    @Column(name = "credentials_revealed")
    private boolean credentialsRevealed;
    @Column(name = "rotation_requested")
    private boolean rotationRequested;
    /** Entity ref of the component this request serves (optional), e.g. {@code component:default/payments-api}. */
    private String component;
    /** The catalog matches the state: entity registered while READY, removed once DELETED. */
    @Column(name = "catalog_synced")
    private boolean catalogSynced;
    @Column(name = "catalog_attempts")
    private int catalogAttempts;
    @Column(name = "catalog_reason")
    private String catalogReason;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    public enum Desired {
        PRESENT, ABSENT
    }

    /** What admission decided a new request is; the rest (state, schedule, progress) is the lifecycle's. */
    public record Draft(RequestKind kind, String name, String team, String templateId, String templateVersion,
            Map<String, Object> parameters, int cpuMillis, int memoryMib, String physicalName, String namespace,
            UUID environmentId, String secretName, EntityRef component, Instant expiresAt, boolean approvalRequired) {
    }

    protected ProvisioningRequest() {
        // for Hibernate
    }

    /** A new request, REQUESTED; record {@link #created()} and then {@link #accept}. */
    public static ProvisioningRequest create(Draft d, String requestedBy, String idempotencyKey, Instant now) {
        ProvisioningRequest r = new ProvisioningRequest();
        r.id = UUID.randomUUID();
        r.kind = d.kind();
        r.name = d.name();
        r.team = d.team();
        r.templateId = d.templateId();
        r.templateVersion = d.templateVersion();
        r.parameters = new LinkedHashMap<>(d.parameters());
        r.cpuMillis = d.cpuMillis();
        r.memoryMib = d.memoryMib();
        r.physicalName = d.physicalName();
        r.namespace = d.namespace();
        r.environmentId = d.environmentId();
        r.secretName = d.secretName();
        r.component = d.component() == null ? null : d.component().reference();
        r.expiresAt = d.expiresAt() == null ? null : d.expiresAt().truncatedTo(ChronoUnit.MICROS);
        r.approvalRequired = d.approvalRequired();
        r.requestedBy = requestedBy;
        r.idempotencyKey = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey;
        r.state = RequestState.REQUESTED;
        r.desired = Desired.PRESENT;
        r.createdAt = now;
        r.updatedAt = now;
        return r;
    }

    public RequestEvent created() {
        return RequestEvent.created(id, requestedBy, createdAt);
    }

    /** Waits for a decision if the template requires one, else is approved at once and due for the reconciler. */
    public RequestEvent accept(String actor, Instant now) {
        if (approvalRequired) {
            return move(RequestState.PENDING_APPROVAL, actor, "template '" + templateId
                    + "' requires approval by a team lead or platform-admin", now);
        }
        RequestEvent e = move(RequestState.APPROVED, actor, "no approval required", now);
        wake(now);
        return e;
    }

    public RequestEvent approve(String actor, String why, Instant now) {
        requirePendingApproval();
        decidedBy = actor;
        RequestEvent e = move(RequestState.APPROVED, actor, why, now);
        wake(now);
        return e;
    }

    public RequestEvent deny(String actor, String why, Instant now) {
        requirePendingApproval();
        decidedBy = actor;
        desired = Desired.ABSENT;
        return move(RequestState.DENIED, actor, why, now);
    }

    /** The reconciler begins the plan. */
    public RequestEvent start(String actor, Instant now) {
        RequestEvent e = move(RequestState.PROVISIONING, actor, null, now);
        wake(now);
        return e;
    }

    /**
     * The current step is done: on to the next one, right away; after the last, READY (provisioned) or DELETED
     * (everything undone), whose event is returned.
     */
    public Optional<RequestEvent> advance(String actor, Instant now) {
        boolean provisioning = state == RequestState.PROVISIONING;
        if (!provisioning && state != RequestState.DEPROVISIONING) {
            throw new IllegalStateException("no plan runs in state " + state);
        }
        Optional<String> next = provisioning ? kind.plan().after(step) : kind.plan().undoAfter(step);
        attempts = 0;
        reason = null;
        updatedAt = now;
        if (next.isPresent()) {
            step = next.get();
            wake(now);
            return Optional.empty();
        }
        nextAttemptAt = null;
        return Optional.of(provisioning ? move(RequestState.READY, actor, null, now)
                : move(RequestState.DELETED, actor, kind.plan().removed(), now));
    }

    /** What the current step needs from an earlier one is gone: the plan starts over, right away. */
    public void restart(Instant now) {
        step = state == RequestState.DEPROVISIONING ? kind.plan().firstUndo() : kind.plan().first();
        wake(now);
    }

    /**
     * An attempt failed: after {@code maxAttempts} (or at once if it cannot succeed by retrying) the request is
     * FAILED, whose event is returned; before, it is tried again after {@code backoff(attempts)}.
     */
    public Optional<RequestEvent> attemptFailed(String actor, String why, boolean canRetry, int maxAttempts,
            IntFunction<Duration> backoff, Instant now) {
        attempts++;
        updatedAt = now;
        if (!canRetry || attempts >= maxAttempts) {
            retryable = canRetry;
            RequestEvent e = move(RequestState.FAILED, actor, why, now);
            nextAttemptAt = null;
            return Optional.of(e);
        }
        reason = why;
        nextAttemptAt = now.plus(backoff.apply(attempts));
        return Optional.empty();
    }

    /**
     * Tries a FAILED request again from its first step (every step is idempotent, so what was done is not redone):
     * provisioning again if it is wanted, deprovisioning again if it was being deleted.
     *
     * @param environment a database's environment, which must be READY for the database to be provisioned again
     */
    public RequestEvent retry(String actor, ProvisioningRequest environment, Instant now) {
        if (state != RequestState.FAILED) {
            throw new ConflictException("only a FAILED " + kindName() + " can be retried; it is " + state);
        }
        boolean wanted = desired == Desired.PRESENT;
        if (wanted && kind == RequestKind.DATABASE
                && (environment.state != RequestState.READY || environment.desired != Desired.PRESENT)) {
            throw new ConflictException("its environment '" + environment.name + "' is " + environment.state
                    + "; a database can be retried once its environment is READY");
        }
        RequestEvent e = move(wanted ? RequestState.PROVISIONING : RequestState.DEPROVISIONING, actor,
                "retried by " + actor, now);
        wake(now);
        return e;
    }

    /** Whether a delete would do anything: false once it is wanted gone; 409 when it is gone already. */
    public boolean deletable() {
        if (desired == Desired.ABSENT) {
            return false;
        }
        if (RequestState.GONE.contains(state)) {
            throw new ConflictException("the " + kindName() + " is already " + state);
        }
        return true;
    }

    /** Whether it still is, or will be, in the world: wanted and not gone. */
    public boolean live() {
        return desired == Desired.PRESENT && !RequestState.GONE.contains(state);
    }

    /**
     * Wanted gone: a request not yet approved is DENIED; anything else is DEPROVISIONING, due right away. Empty when
     * it is DEPROVISIONING already (it is only woken) or gone (nothing to do).
     */
    public Optional<RequestEvent> deprovision(String actor, String why, Instant now) {
        if (RequestState.GONE.contains(state)) {
            return Optional.empty();
        }
        desired = Desired.ABSENT;
        if (state == RequestState.PENDING_APPROVAL || state == RequestState.REQUESTED) {
            RequestEvent e = move(RequestState.DENIED, actor, why, now);
            nextAttemptAt = null;
            return Optional.of(e);
        }
        Optional<RequestEvent> e = state == RequestState.DEPROVISIONING ? Optional.empty()
                : Optional.of(move(RequestState.DEPROVISIONING, actor, why, now));
        wake(now);
        return e;
    }

    /** 409 unless it can be extended: wanted, not gone and not FAILED. */
    public void requireExtensible() {
        if (desired == Desired.ABSENT || RequestState.GONE.contains(state) || state == RequestState.FAILED) {
            throw new ConflictException("a " + state + " " + kindName() + " cannot be extended");
        }
    }

    /**
     * A new expiry; a READY environment is re-applied right away so that its namespace's expiry label follows. Kept
     * to the microsecond, as PostgreSQL stores it, so that the answer to an extension is what a later read returns
     * (PostgreSQL would round the nanoseconds of the clock, sometimes into the next millisecond).
     */
    public void expireAt(Instant at, Instant now) {
        expiresAt = at.truncatedTo(ChronoUnit.MICROS);
        updatedAt = now;
        if (kind == RequestKind.ENVIRONMENT && state == RequestState.READY) {
            wake(now);
        }
    }

    /** Whether its TTL has passed while it is still live: the reaper deprovisions it. */
    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now) && live();
    }

    /** Due for the reconciler right away (an extension to apply, a rotation to do). */
    public void wake(Instant now) {
        nextAttemptAt = now;
    }

    /** Next due at {@code at}; null: nothing to do until something changes. Waiting is not failing. */
    public void dueAt(Instant at) {
        nextAttemptAt = at;
    }

    public boolean dueBy(Instant now) {
        return nextAttemptAt != null && !nextAttemptAt.isAfter(now);
    }

    /** A resync of a READY request went through: its failed attempts are forgotten. */
    public void resynced(Instant next) {
        attempts = 0;
        nextAttemptAt = next;
    }

    public void requestRotation(Instant now) {
        if (state != RequestState.READY || desired == Desired.ABSENT) {
            throw new ConflictException("only a READY database can be rotated; it is " + state);
        }
        rotationRequested = true;
        updatedAt = now;
        wake(now);
    }

    /** The new password is on the server and in the Secret; it can be shown once again. */
    public void rotated() {
        rotationRequested = false;
        credentialsRevealed = false;
        attempts = 0;
    }

    public void requireCredentialsReady() {
        if (state != RequestState.READY) {
            throw new ConflictException("credentials exist once the database is READY; it is " + state);
        }
    }

    public void credentialsShown() {
        credentialsRevealed = true;
    }

    /** Whether the catalog has to follow: register while READY, remove once DELETED. */
    public boolean catalogBehind() {
        return !catalogSynced && (state == RequestState.READY || state == RequestState.DELETED);
    }

    /**
     * When the catalog is to be tried again if the attempt about to be made fails: after the backoff of one more
     * failed attempt (whole milliseconds, so that the time reads back from the row as written); null when the catalog
     * is in line. A request is scheduled for it before the attempt, so that a crash in between still retries.
     */
    public Instant catalogRetryAt(Instant now, IntFunction<Duration> backoff) {
        return catalogBehind() ? now.plus(backoff.apply(catalogAttempts + 1)).truncatedTo(ChronoUnit.MILLIS) : null;
    }

    public void catalogInLine() {
        catalogSynced = true;
        catalogAttempts = 0;
        catalogReason = null;
    }

    /** @return the number of failed catalog attempts so far */
    public int catalogFailed(String why) {
        catalogReason = why;
        return ++catalogAttempts;
    }

    private void requirePendingApproval() {
        if (state != RequestState.PENDING_APPROVAL) {
            throw new ConflictException("the request is " + state + ", not PENDING_APPROVAL");
        }
    }

    /** Moves to {@code to}, resetting progress; an illegal transition is a programming error. */
    private RequestEvent move(RequestState to, String actor, String why, Instant now) {
        if (!state.next().contains(to)) {
            throw new IllegalStateException("illegal transition " + state + " -> " + to);
        }
        RequestEvent event = RequestEvent.of(id, state, to, actor, why, now);
        state = to;
        step = switch (to) {
            case PROVISIONING -> kind.plan().first();
            case DEPROVISIONING -> kind.plan().firstUndo();
            default -> null;
        };
        attempts = 0;
        reason = why;
        retryable = to == RequestState.FAILED ? retryable : null;
        updatedAt = now;
        if (to == RequestState.READY || to == RequestState.DELETED) {
            // The catalog has to follow: register on READY, remove on DELETED (the reconciler does it).
            catalogSynced = false;
            catalogAttempts = 0;
            catalogReason = null;
        }
        return event;
    }

    private String kindName() {
        return kind.name().toLowerCase();
    }

    public UUID id() {
        return id;
    }

    public RequestKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String team() {
        return team;
    }

    public String templateId() {
        return templateId;
    }

    public String templateVersion() {
        return templateVersion;
    }

    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    public int cpuMillis() {
        return cpuMillis;
    }

    public int memoryMib() {
        return memoryMib;
    }

    public UUID environmentId() {
        return environmentId;
    }

    public String physicalName() {
        return physicalName;
    }

    public String namespace() {
        return namespace;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public boolean approvalRequired() {
        return approvalRequired;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public RequestState state() {
        return state;
    }

    public Desired desired() {
        return desired;
    }

    /** The next step of the running plan, or null when none runs. */
    public String step() {
        return step;
    }

    public String reason() {
        return reason;
    }

    public Boolean retryable() {
        return retryable;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String secretName() {
        return secretName;
    }

    public boolean credentialsRevealed() {
        return credentialsRevealed;
    }

    public boolean rotationRequested() {
        return rotationRequested;
    }

    public String component() {
        return component;
    }

    public boolean catalogSynced() {
        return catalogSynced;
    }

    public String catalogReason() {
        return catalogReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
