package dev.runway.access.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.common.error.ResourceNotFoundException;

/**
 * Recomputes the hash chain from a signed checkpoint (or from the first record ever) and reports the first
 * broken link: a changed record (its hash no longer matches), a removed one (a gap in seq, or the successor's
 * previous hash pointing elsewhere), or one inserted out of band (a previous hash or hash that does not chain).
 * What a hash chain alone cannot show: the newest records removed from the end, or records appended by someone
 * who recomputes the hashes; the checkpoints and an external copy of {@code headHash} cover those.
 */
@ApplicationScoped
public class AuditVerifier {
    private static final int FETCH_SIZE = 2000;

    private final AuditRepository repository;
    private final AuditCheckpointRepository checkpoints;
    private final AuditConfig config;

    public AuditVerifier(AuditRepository repository, AuditCheckpointRepository checkpoints, AuditConfig config) {
        this.repository = repository;
        this.checkpoints = checkpoints;
        this.config = config;
    }

    /** Verifies from checkpoint {@code checkpointId}, or from the latest checkpoint when {@code null}. */
    @Transactional // a server-side cursor (fetch size) needs a transaction
    public AuditVerification verify(Long checkpointId) {
        try (Connection c = repository.connection()) {
            AuditCheckpoint start = checkpointId == null ? checkpoints.latest(c)
                    : checkpoints.find(c, checkpointId)
                            .orElseThrow(() -> new ResourceNotFoundException("no audit checkpoint " + checkpointId));
            Long startId = start == null ? null : start.id();
            long previousSeq = start == null ? 0 : start.lastSeq();
            String previousHash = start == null ? AuditHashing.GENESIS_HASH : start.lastHash();
            if (start != null && !start.signedWith(config.checkpointKey())) {
                return new AuditVerification(false, startId, previousSeq + 1, 0, previousSeq, previousHash,
                        previousSeq, "checkpoint " + start.id() + " does not carry a valid signature");
            }
            long fromSeq = previousSeq + 1;
            long checked = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT " + AuditRepository.COLUMNS
                    + " FROM audit_record WHERE seq > ? ORDER BY seq")) {
                s.setFetchSize(FETCH_SIZE);
                s.setLong(1, previousSeq);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        AuditRecordView r = AuditRepository.read(rs);
                        String problem = null;
                        long brokenAt = r.seq();
                        if (r.seq() != previousSeq + 1) {
                            brokenAt = previousSeq + 1;
                            problem = r.seq() - 1 == previousSeq + 1 ? "record " + brokenAt + " is missing"
                                    : "records " + brokenAt + " to " + (r.seq() - 1) + " are missing";
                        } else if (!r.previousHash().equals(previousHash)) {
                            problem = "record " + r.seq() + " does not link to the record before it";
                        } else if (!AuditHashing.hash(previousHash, AuditHashing.canonical(r.seq(), r)).equals(r.hash())) {
                            problem = "record " + r.seq() + " was changed: its content no longer matches its hash";
                        }
                        if (problem != null) {
                            return new AuditVerification(false, startId, fromSeq, checked, previousSeq, previousHash,
                                    brokenAt, problem);
                        }
                        previousSeq = r.seq();
                        previousHash = r.hash();
                        checked++;
                    }
                }
            }
            return new AuditVerification(true, startId, fromSeq, checked, previousSeq, previousHash, null, null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log", e);
        }
    }
}
