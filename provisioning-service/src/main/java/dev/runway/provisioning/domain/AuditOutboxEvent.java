package dev.runway.provisioning.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An audit event waiting in the outbox for delivery to access-service; never holds secrets. */
@Entity
@Table(name = "audit_outbox")
public class AuditOutboxEvent {
    @Id
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String actor;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "actor_teams")
    public String[] actorTeams;
    public String action;
    public String resource;
    public String outcome;
    public String reason;
    @Column(name = "source_service")
    public String sourceService;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "client_address")
    public String clientAddress;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> details;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
