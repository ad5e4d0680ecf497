package dev.runway.catalog.insights.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A production incident of an entity, opened and later resolved by on-call tooling or a person. */
@Entity
@Table(name = "incident")
public class Incident {
    @Id
    public UUID id;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "entity_ref")
    public String entityRef;
    public String severity;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "caused_by_deployment")
    public String causedByDeployment;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "resolved_by")
    public String resolvedBy;
}
