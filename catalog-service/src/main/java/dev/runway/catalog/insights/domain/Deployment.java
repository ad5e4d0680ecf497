package dev.runway.catalog.insights.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A deployment of an entity to an environment, as a CI pipeline reported it. */
@Entity
@Table(name = "deployment")
public class Deployment {
    /** Environment names, lower-case (e.g. production). */
    /** An environment's name as stored: lower-case; a constant so that request bodies can declare it. */
    public static final String ENVIRONMENT_FORMAT = "[a-z0-9][a-z0-9._-]{0,62}";
    public static final Pattern ENVIRONMENT = Pattern.compile(ENVIRONMENT_FORMAT);
    public static final Set<String> STATUSES = Set.of("success", "failure", "rolled_back");

    @Id
    public UUID id;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "entity_ref")
    public String entityRef;
    public String environment;
    public String version;
    @Column(name = "commit_sha")
    public String commitSha;
    @Column(name = "commit_times")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public Instant[] commitTimes;
    @Column(name = "first_commit_at")
    public Instant firstCommitAt;
    @Column(name = "earliest_commit")
    public Instant earliestCommit;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    public String status;
    public boolean rework;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "recorded_by")
    public String recordedBy;

    /** Where lead time starts: the earliest of the commit times and the first commit; null when none was given. */
    public static Instant earliest(List<Instant> commitTimes, Instant firstCommitAt) {
        Instant earliest = firstCommitAt;
        for (Instant t : commitTimes) {
            if (earliest == null || t.isBefore(earliest)) {
                earliest = t;
            }
        }
        return earliest;
    }

    public Long leadTimeSeconds() {
        return earliestCommit == null ? null : java.time.Duration.between(earliestCommit, finishedAt).getSeconds();
    }
}
