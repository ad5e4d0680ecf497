package dev.runway.catalog.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A kind registered by a platform-admin; {@link #refFields} is the JSON array of its reference fields. */
@Entity
@Table(name = "entity_kind")
public class CustomKind {
    /** Lower-cased kind name. */
    @Id
    public String name;
    @Column(name = "wire_name")
    public String wireName;
    public String description;
    @Column(name = "api_versions")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] apiVersions;
    @Column(name = "spec_schema")
    @JdbcTypeCode(SqlTypes.JSON)
    public String specSchema;
    @Column(name = "ref_fields")
    @JdbcTypeCode(SqlTypes.JSON)
    public String refFields;
    public int version;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
