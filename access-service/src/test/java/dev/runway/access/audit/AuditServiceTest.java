package dev.runway.access.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
