package dev.runway.access.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.error.InvalidInputException;
import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_access"))
class AuditServiceTest {
    @Inject
    AuditService audit;

    static AuditEntry entry(String eventId, Map<String, Object> details) {
        return new AuditEntry(eventId, Instant.parse("2026-01-02T03:04:05.123456789Z"), "alice", List.of("payments"),
                "role-binding.create", "team:payments", "success", "because", "access-service", "req-1",
                "10.0.0.1", details);
    }

    @Test
    void appendsChainEachRecordToThePreviousOne() {
        AuditRecordView first = audit.append(entry(null, Map.of("n", 1)));
        AuditRecordView second = audit.append(entry(null, Map.of("n", 2.5)));
        assertEquals(first.seq() + 1, second.seq());
        assertEquals(first.hash(), second.previousHash());
        assertEquals(second.hash(), AuditHashing.hash(second.previousHash(), AuditHashing.canonical(second.seq(), second)));
        assertEquals(Instant.parse("2026-01-02T03:04:05.123456Z"), second.occurredAt());
    }

    /**
     * An append that waited for the chain appends after what the lock's previous holder committed: its head is read
     * only once it holds the lock, even though lock and head go to the server together.
     */
    @Test
    void anAppendThatWaitedForTheChainLinksToWhatItsHolderCommitted() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Future<AuditRecordView>> waiter = new AtomicReference<>();
            AuditRecordView holder = QuarkusTransaction.requiringNew().call(() -> {
                AuditRecordView appended = audit.append(entry(null, Map.of("n", "holder")));
                waiter.set(pool.submit(() -> audit.append(entry(null, Map.of("n", "waiter")))));
                awaitAChainWaiter();
                return appended;
            });
            AuditRecordView waited = waiter.get().get(30, TimeUnit.SECONDS);
            assertEquals(holder.seq() + 1, waited.seq());
            assertEquals(holder.hash(), waited.previousHash());
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitAChainWaiter() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_access"));
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                assertTrue(System.nanoTime() < deadline, "the second append waits for the chain lock");
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReSentEventIsStoredOnce() {
        String id = UUID.randomUUID().toString();
        List<AuditAppendResult> results = audit.appendAll(List.of(entry(id, null), entry(id, null)));
        assertTrue(results.get(0).created());
        assertFalse(results.get(1).created());
        AuditAppendResult again = audit.appendAll(List.of(entry(id, null))).get(0);
        assertFalse(again.created());
        assertEquals(results.get(0).record().seq(), again.record().seq());
    }

    @Test
    void secretsNeverReachTheLog() {
        AuditRecordView r = audit.append(entry(null, Map.of("password", "hunter2", "nested",
                Map.of("apiToken", "t", "kept", "yes"), "clientSecret", "s")));
        assertEquals("{\"nested\":{\"kept\":\"yes\"}}", AuditHashing.canonicalJson(r.details()));
    }

    @Test
    void joinsTheCallersTransaction() {
        String id = UUID.randomUUID().toString();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            audit.append(entry(id, null));
            throw new IllegalStateException("the audited change failed");
        }));
        assertTrue(audit.appendAll(List.of(entry(id, null))).get(0).created());
    }

    @Test
    void malformedEntriesAreRejectedWithTheirFields() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> audit.append(
                new AuditEntry("not-a-uuid", null, " ", null, "a", "r", "maybe", null, "s", null, null, null)));
        assertEquals(List.of("$.eventId", "$.actor", "$.outcome"),
                e.violations().stream().map(v -> v.field()).toList());
    }
}
