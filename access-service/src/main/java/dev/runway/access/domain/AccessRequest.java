package dev.runway.access.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A just-in-time request for a role on a scope, for a bounded duration. */
@Entity
@Table(name = "access_request")
public class AccessRequest {
    /**
     * PENDING until approved, denied or expired (after the pending TTL); an APPROVED request's grant later ENDED
     * (expiry) or was REVOKED.
     */
    public enum Status {
        PENDING, APPROVED, DENIED, EXPIRED, REVOKED, ENDED
    }

    @Id
    public UUID id;
    public String requester;
    public String role;
    public String scope;
    @Column(name = "duration_seconds")
    public long durationSeconds;
    public String justification;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "created_at")
    public Instant createdAt;
    /** When a PENDING request lapses. */
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_comment")
    public String decisionComment;
    @Column(name = "grant_id")
    public UUID grantId;
    @Version
    public int version;
}
