package dev.runway.catalog.insights.domain;

import java.time.Instant;
import java.util.UUID;

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

    public Long leadTimeSeconds() {
        return earliestCommit == null ? null : java.time.Duration.between(earliestCommit, finishedAt).getSeconds();
    }
}
