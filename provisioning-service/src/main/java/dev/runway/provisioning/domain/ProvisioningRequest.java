package dev.runway.provisioning.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An environment or database request: desired state plus the reconciler's recorded progress. */
@Entity
@Table(name = "provisioning_request")
public class ProvisioningRequest {
    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public RequestKind kind;
    public String name;
    public String team;
    @Column(name = "template_id")
    public String templateId;
    @Column(name = "template_version")
    public String templateVersion;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> parameters;
    @Column(name = "cpu_millis")
    public int cpuMillis;
    @Column(name = "memory_mib")
    public int memoryMib;
    @Column(name = "environment_id")
    public UUID environmentId;
    @Column(name = "physical_name")
    public String physicalName;
    public String namespace;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "approval_required")
    public boolean approvalRequired;
    @Column(name = "decided_by")
    public String decidedBy;
    @Enumerated(EnumType.STRING)
    public RequestState state;
    @Enumerated(EnumType.STRING)
    public Desired desired;
    public int step;
    public String reason;
    public Boolean retryable;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "secret_name")
    public String secretName;
    @Column(name = "credentials_revealed")
    public boolean credentialsRevealed;
    @Column(name = "rotation_requested")
    public boolean rotationRequested;
    /** Entity ref of the component this request serves (optional), e.g. {@code component:default/payments-api}. */
    public String component;
    /** The catalog matches the state: entity registered while READY, removed once DELETED. */
    @Column(name = "catalog_synced")
    public boolean catalogSynced;
    @Column(name = "catalog_attempts")
    public int catalogAttempts;
    @Column(name = "catalog_reason")
    public String catalogReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public enum Desired {
        PRESENT, ABSENT
    }

    /**
     * Moves to {@code to}, resetting progress, and returns the event to record; an illegal transition is a
     * programming error of the caller, which checks the state first.
     */
    public RequestEvent transition(RequestState to, String actor, String why, Instant now) {
        if (!state.next().contains(to)) {
            throw new IllegalStateException("illegal transition " + state + " -> " + to);
        }
        RequestEvent event = RequestEvent.of(id, state, to, actor, why, now);
        state = to;
        step = 0;
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
}
