package dev.runway.catalog.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One change of one entity: who, when, and the RFC 6902 patch from the previous version. */
@Entity
@Table(name = "entity_history")
public class HistoryEntry {
    /** From the table's sequence: entries are written by HistoryRepository.appendAll, never persisted. */
    @Id
    public Long id;
    @Column(name = "entity_id")
    public UUID entityId;
    public String ref;
    public int version;
    public String action;
    public String actor;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public String patch;
}
