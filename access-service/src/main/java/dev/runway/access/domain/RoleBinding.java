package dev.runway.access.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.runway.access.policy.PolicyBinding;

/** A subject holds a role on a scope, optionally until an expiry; a grant when it came from an access request. */
@Entity
@Table(name = "role_binding")
public class RoleBinding {
    @Id
    public UUID id;
    public String subject;
    public String role;
    public String scope;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "access_request_id")
    public UUID accessRequestId;
    @Version
    public int version;

    public boolean isGrant() {
        return accessRequestId != null;
    }

    public PolicyBinding toPolicy() {
        return new PolicyBinding(id.toString(), subject, role, scope, expiresAt);
    }
}
