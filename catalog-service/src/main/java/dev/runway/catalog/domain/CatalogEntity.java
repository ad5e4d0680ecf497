package dev.runway.catalog.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One catalog entity (or its tombstone, when {@link #deletedAt} is set). Filter columns mirror the body. */
@Entity
@Table(name = "entity")
public class CatalogEntity {
    @Id
    public UUID id;
    public String ref;
    public String kind;
    public String namespace;
    public String name;
    public String type;
    public String lifecycle;
    @Column(name = "owner_ref")
    public String ownerRef;
    @Column(name = "system_ref")
    public String systemRef;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags;
    @JdbcTypeCode(SqlTypes.JSON)
    public String labels;
    @JdbcTypeCode(SqlTypes.JSON)
    public String body;
    @Column(name = "search_text")
    public String searchText;
    public String etag;
    public int version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;
    @Column(name = "deleted_by")
    public String deletedBy;

    public boolean deleted() {
        return deletedAt != null;
    }

    /** The team that owns this version, as the policy is asked about it: spec.owner, or for a Group itself. */
    public String owningRef() {
        if (ownerRef != null) {
            return ownerRef;
        }
        return "group".equals(kind) ? ref : null;
    }

    /**
     * A detached copy, the start of the next version: writes build the new version beside the loaded row and store
     * it with SQL, so the persistence context never writes the row a second time.
     */
    public CatalogEntity copy() {
        CatalogEntity c = new CatalogEntity();
        c.id = id;
        c.ref = ref;
        c.kind = kind;
        c.namespace = namespace;
        c.name = name;
        c.type = type;
        c.lifecycle = lifecycle;
        c.ownerRef = ownerRef;
        c.systemRef = systemRef;
        c.tags = tags;
        c.labels = labels;
        c.body = body;
        c.searchText = searchText;
        c.etag = etag;
        c.version = version;
        c.createdAt = createdAt;
        c.createdBy = createdBy;
        c.updatedAt = updatedAt;
        c.updatedBy = updatedBy;
        c.deletedAt = deletedAt;
        c.deletedBy = deletedBy;
        return c;
    }
}
