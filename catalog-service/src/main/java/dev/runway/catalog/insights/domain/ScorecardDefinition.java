package dev.runway.catalog.insights.domain;

import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored scorecard; {@link #rules} is the JSON array of {@code {id, description, level, check}}. */
@Entity
@Table(name = "scorecard_definition")
public class ScorecardDefinition {
    /** The id of a scorecard and of each of its rules: lower-case letters, digits and dashes, at most 63. */
    /** A scorecard's or a rule's id; a constant so that request bodies can declare it. */
    public static final String ID_FORMAT = "[a-z0-9][a-z0-9-]{0,62}";
    public static final Pattern ID = Pattern.compile(ID_FORMAT);

    @Id
    public String id;
    public String title;
    public String description;
    @Column(name = "applies_to")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] appliesTo;
    @JdbcTypeCode(SqlTypes.JSON)
    public String rules;
    public int version;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
