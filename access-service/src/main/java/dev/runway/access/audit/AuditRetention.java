package dev.runway.access.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.runway.common.persistence.AdvisoryLock;
import dev.runway.common.scheduling.ScheduledRuns;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Prunes records older than the retention period. First, in one transaction, a signed checkpoint records the
 * last seq to prune and its hash (verification continues from there); then rows up to it are deleted in batches,
 * each in its own transaction, through the database function {@code audit_prune}, the only deletion the
 * append-only trigger lets through. A crash between batches leaves the checkpoint, and the next run finishes.
 * One replica prunes per period ({@link ScheduledRuns}).
 */
@ApplicationScoped
public class AuditRetention {
    /** Advisory lock taken for the checkpoint step, so two replicas never write two checkpoints at once. */
    private static final String PRUNE_LOCK = "audit:prune";

    private final AuditRepository repository;
    private final AuditCheckpointRepository checkpoints;
    static final String JOB = "access.audit-retention";

    private final AuditConfig config;
    private final ScheduledRuns runs;
    private final Duration pruneEvery;

    public AuditRetention(AuditRepository repository, AuditCheckpointRepository checkpoints, AuditConfig config,
            ScheduledRuns runs, @ConfigProperty(name = "runway.access.audit.prune-every", defaultValue = "1h")
            Duration pruneEvery) {
        this.repository = repository;
        this.checkpoints = checkpoints;
        this.config = config;
        this.runs = runs;
        this.pruneEvery = pruneEvery;
    }

    @Scheduled(every = "${runway.access.audit.prune-every:1h}", delayed = "${runway.access.audit.prune-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPrune() {
        if (runs.claim(JOB, pruneEvery)) {
            pruneExpired();
        }
    }

    /** Prunes what the configured retention period makes due. */
    public AuditPruneResult pruneExpired() {
        return pruneRecordedBefore(Instant.now().minus(config.retention()));
    }

    /** Prunes every record recorded before {@code cutoff}, as a prefix of the chain. */
    public AuditPruneResult pruneRecordedBefore(Instant cutoff) {
        AuditCheckpoint checkpoint = QuarkusTransaction.requiringNew().call(() -> checkpoint(cutoff));
        long removed = 0;
        if (checkpoint != null) {
            int batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(this::deleteBatch);
                removed += batch;
            } while (batch > 0);
        }
        return new AuditPruneResult(cutoff, checkpoint == null ? null : checkpoint.id(),
                checkpoint == null ? 0 : checkpoint.lastSeq(), removed);
    }

    private AuditCheckpoint checkpoint(Instant cutoff) throws SQLException {
        try (Connection c = repository.connection()) {
            AdvisoryLock.acquire(c, PRUNE_LOCK);
            AuditCheckpoint latest = checkpoints.latest(c);
            Long upto = lastDueSeq(c, cutoff);
            if (upto == null || (latest != null && upto <= latest.lastSeq())) {
                return latest;
            }
            String lastHash;
            try (PreparedStatement s = c.prepareStatement("SELECT hash FROM audit_record WHERE seq = ?")) {
                s.setLong(1, upto);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    lastHash = rs.getString(1);
                }
            }
            long id = checkpoints.nextId(c);
            Instant createdAt = AuditHashing.toStoredPrecision(Instant.now(Clock.systemUTC()));
            Instant prunedBefore = AuditHashing.toStoredPrecision(cutoff);
            AuditCheckpoint cp = new AuditCheckpoint(id, upto, lastHash, prunedBefore, createdAt,
                    AuditCheckpoint.sign(config.checkpointKey(), id, upto, lastHash, prunedBefore, createdAt));
            checkpoints.insert(c, cp);
            return cp;
        }
    }

    /** The highest seq below which every record was recorded before the cutoff: pruning keeps the chain a suffix. */
    private static Long lastDueSeq(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce("
                + "(SELECT min(seq) - 1 FROM audit_record WHERE recorded_at >= ?), (SELECT max(seq) FROM audit_record))")) {
            s.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long seq = rs.getLong(1);
                return rs.wasNull() || seq <= 0 ? null : seq;
            }
        }
    }

    private int deleteBatch() throws SQLException {
        try (Connection c = repository.connection();
                PreparedStatement s = c.prepareStatement("SELECT audit_prune(?)")) {
            s.setInt(1, config.pruneBatchSize());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
