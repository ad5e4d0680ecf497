package dev.runway.access.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The audit log resists the application's own connection and shows what a superuser did to it. */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_access"))
class AuditTamperTest {
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Inject
    AuditService audit;
    @Inject
    AuditVerifier verifier;
    @Inject
    AuditRetention retention;
    @Inject
    DataSource dataSource;

    private List<AuditRecordView> appendThree() {
        return List.of(1, 2, 3).stream().map(n -> audit.append(AuditServiceTest.entry(null, Map.of("n", n)))).toList();
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_access"), "postgres", "");
    }

    /** The SQL state the application's own pooled connection (role runway_access_app) gets for {@code sql}. */
    private String sqlStateAsApplication(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            return assertThrows(SQLException.class, () -> s.executeUpdate(sql)).getSQLState();
        }
    }

    @Test
    void theApplicationConnectionCannotUpdateDeleteOrTruncate() throws SQLException {
        appendThree();
        assertEquals(INSUFFICIENT_PRIVILEGE, sqlStateAsApplication("UPDATE audit_record SET reason = 'x'"));
        assertEquals(INSUFFICIENT_PRIVILEGE, sqlStateAsApplication("DELETE FROM audit_record"));
        assertEquals(INSUFFICIENT_PRIVILEGE, sqlStateAsApplication("TRUNCATE audit_record"));
        assertEquals(INSUFFICIENT_PRIVILEGE, sqlStateAsApplication("DELETE FROM audit_checkpoint"));
        assertTrue(verifier.verify(null).ok());
    }

    @Test
    void evenASuperuserIsStoppedByTheTrigger() throws SQLException {
        AuditRecordView r = appendThree().get(1);
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE audit_record SET reason = 'x' WHERE seq = " + r.seq()));
            assertEquals(INSUFFICIENT_PRIVILEGE, e.getSQLState());
        }
    }

    @Test
    void verifyReportsAChangedRecordAndRecoversWhenItIsRestored() throws SQLException {
        AuditRecordView changed = appendThree().get(1);
        tamper("UPDATE audit_record SET reason = 'nothing to see' WHERE seq = " + changed.seq());
        AuditVerification broken = verifier.verify(null);
        assertFalse(broken.ok());
        assertEquals(changed.seq(), broken.brokenAtSeq());
        assertTrue(broken.problem().contains("changed"), broken.problem());

        tamper("UPDATE audit_record SET reason = 'because' WHERE seq = " + changed.seq());
        assertTrue(verifier.verify(null).ok());
    }

    @Test
    void verifyReportsARemovedRecord() throws SQLException {
        AuditRecordView removed = appendThree().get(1);
        tamper("CREATE TABLE removed_audit_row AS SELECT * FROM audit_record WHERE seq = " + removed.seq());
        tamper("DELETE FROM audit_record WHERE seq = " + removed.seq());
        AuditVerification broken = verifier.verify(null);
        assertFalse(broken.ok());
        assertEquals(removed.seq(), broken.brokenAtSeq());
        assertEquals("record " + removed.seq() + " is missing", broken.problem());

        tamper("INSERT INTO audit_record SELECT * FROM removed_audit_row; DROP TABLE removed_audit_row");
        assertTrue(verifier.verify(null).ok());
    }

    @Test
    void verifyReportsARecordInsertedOutOfBand() throws SQLException {
        AuditRecordView last = appendThree().get(2);
        tamper("INSERT INTO audit_record SELECT seq + 1, gen_random_uuid(), occurred_at, recorded_at, 'mallory', "
                + "actor_teams, action, resource, outcome, reason, source_service, request_id, client_address, details, "
                + "previous_hash, hash FROM audit_record WHERE seq = " + last.seq());
        AuditVerification broken = verifier.verify(null);
        assertFalse(broken.ok());
        assertEquals(last.seq() + 1, broken.brokenAtSeq());
        assertEquals(last.seq(), broken.lastSeq());

        tamper("DELETE FROM audit_record WHERE seq = " + (last.seq() + 1));
        assertTrue(verifier.verify(null).ok());
    }

    @Test
    void pruningLeavesASignedCheckpointFromWhichTheChainStillVerifies() throws SQLException {
        AuditRecordView newest = appendThree().get(2);
        AuditPruneResult result = retention.pruneRecordedBefore(Instant.now());
        assertEquals(newest.seq(), result.lastPrunedSeq());
        assertTrue(result.removed() >= 3);
        AuditVerification afterPrune = verifier.verify(null);
        assertTrue(afterPrune.ok(), afterPrune.problem());
        assertEquals(result.checkpointId(), afterPrune.checkpointId());
        assertEquals(0, afterPrune.checkedRecords());

        AuditRecordView next = audit.append(AuditServiceTest.entry(null, null));
        assertEquals(newest.seq() + 1, next.seq());
        assertEquals(newest.hash(), next.previousHash());
        AuditVerification continued = verifier.verify(null);
        assertTrue(continued.ok(), continued.problem());
        assertEquals(1, continued.checkedRecords());

        tamper("UPDATE audit_checkpoint SET last_hash = '" + next.hash() + "' WHERE id = " + result.checkpointId());
        AuditVerification forged = verifier.verify(null);
        assertFalse(forged.ok());
        assertTrue(forged.problem().contains("signature"), forged.problem());
        tamper("UPDATE audit_checkpoint SET last_hash = '" + newest.hash() + "' WHERE id = " + result.checkpointId());
        assertTrue(verifier.verify(null).ok());
    }

    /** As a superuser who switched the append-only triggers off for this session. */
    private static void tamper(String sql) throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute(sql);
        }
    }
}
