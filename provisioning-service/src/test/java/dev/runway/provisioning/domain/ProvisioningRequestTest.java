package dev.runway.provisioning.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.runway.common.error.ConflictException;

/** The request's lifecycle as the entity enforces it, without a database or a reconciler. */
class ProvisioningRequestTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static ProvisioningRequest request(RequestKind kind, boolean approvalRequired) {
        return ProvisioningRequest.create(new ProvisioningRequest.Draft(kind, "n", "team", "t", "1", Map.of(), 100, 128,
                "team-n", "team-n", kind == RequestKind.DATABASE ? UUID.randomUUID() : null, null, null, null,
                approvalRequired), "alice", " ", NOW);
    }

    @Test
    void aRequestWithoutApprovalIsApprovedAndDueAtOnce() {
        ProvisioningRequest r = request(RequestKind.ENVIRONMENT, false);
        assertEquals(RequestState.REQUESTED, r.created().toState);
        RequestEvent e = r.accept("alice", NOW);
        assertEquals(RequestState.APPROVED, e.toState);
        assertEquals("no approval required", e.reason);
        assertTrue(r.dueBy(NOW));
    }

    @Test
    void aDecisionNeedsAPendingRequest() {
        ProvisioningRequest r = request(RequestKind.ENVIRONMENT, true);
        assertEquals(RequestState.PENDING_APPROVAL, r.accept("alice", NOW).toState);
        assertFalse(r.dueBy(NOW));
        r.deny("bob", "no", NOW);
        assertEquals(RequestState.DENIED, r.state());
        assertEquals("bob", r.decidedBy());
        assertEquals(ProvisioningRequest.Desired.ABSENT, r.desired());
        ConflictException twice = assertThrows(ConflictException.class, () -> r.approve("bob", null, NOW));
        assertEquals("the request is DENIED, not PENDING_APPROVAL", twice.getMessage());
    }

    @Test
    void provisioningWalksThePlanByNameAndEndsReady() {
        ProvisioningRequest r = request(RequestKind.ENVIRONMENT, false);
        r.accept("alice", NOW);
        r.start("reconciler", NOW);
        List<String> walked = new ArrayList<>();
        Optional<RequestEvent> end = Optional.empty();
        while (end.isEmpty()) {
            walked.add(r.step());
            end = r.advance("reconciler", NOW);
        }
        assertEquals(EnvironmentStep.PLAN.names(), walked);
        assertEquals(RequestState.READY, r.state());
        assertNull(r.step());
        assertFalse(r.catalogSynced());
    }

    @Test
    void deprovisioningUndoesTheUndoableStepsInReverse() {
        ProvisioningRequest r = request(RequestKind.DATABASE, false);
        r.accept("alice", NOW);
        r.start("reconciler", NOW);
        while (r.advance("reconciler", NOW).isEmpty()) {
            // provisioned step by step
        }
        assertEquals(RequestState.DEPROVISIONING, r.deprovision("alice", "deleted by alice", NOW).orElseThrow().toState);
        assertTrue(r.dueBy(NOW));
        List<String> undone = new ArrayList<>();
        Optional<RequestEvent> end = Optional.empty();
        while (end.isEmpty()) {
            undone.add(r.step());
            end = r.advance("reconciler", NOW);
        }
        assertEquals(List.of("DATABASE", "ACCOUNT", "SECRET"), undone);
        assertEquals(RequestState.DELETED, end.get().toState);
        assertEquals("database, account and Secret removed", end.get().reason);
        assertEquals(Optional.empty(), r.deprovision("alice", "again", NOW), "a deleted request has nothing to do");
    }

    @Test
    void aStepThatLostItsInputStartsThePlanOver() {
        ProvisioningRequest r = request(RequestKind.DATABASE, false);
        r.accept("alice", NOW);
        r.start("reconciler", NOW);
        r.advance("reconciler", NOW);
        assertEquals("ACCOUNT", r.step());
        r.restart(NOW);
        assertEquals("SECRET", r.step());
    }

    @Test
    void failedAttemptsBackOffThenFailAndOnlyAFailedRequestIsRetried() {
        ProvisioningRequest r = request(RequestKind.ENVIRONMENT, false);
        r.accept("alice", NOW);
        r.start("reconciler", NOW);
        assertThrows(ConflictException.class, () -> r.retry("alice", null, NOW));
        assertEquals(Optional.empty(), r.attemptFailed("reconciler", "HTTP 500", true, 2, n -> Duration.ofSeconds(n), NOW));
        assertEquals(1, r.attempts());
        assertEquals(NOW.plusSeconds(1), r.nextAttemptAt());
        RequestEvent failed = r.attemptFailed("reconciler", "HTTP 500", true, 2, n -> Duration.ofSeconds(n), NOW)
                .orElseThrow();
        assertEquals(RequestState.FAILED, failed.toState);
        assertEquals(Boolean.TRUE, r.retryable());
        assertNull(r.nextAttemptAt());
        assertEquals(RequestState.PROVISIONING, r.retry("alice", null, NOW).toState);
        assertEquals(EnvironmentStep.NAMESPACE.name(), r.step());
        assertTrue(r.dueBy(NOW));
    }

    @Test
    void aDatabaseIsRetriedOnlyOnceItsEnvironmentIsReady() {
        ProvisioningRequest env = request(RequestKind.ENVIRONMENT, false);
        env.accept("alice", NOW);
        ProvisioningRequest db = request(RequestKind.DATABASE, false);
        db.accept("alice", NOW);
        db.attemptFailed("reconciler", "environment gone", false, 5, n -> Duration.ZERO, NOW);
        ConflictException e = assertThrows(ConflictException.class, () -> db.retry("alice", env, NOW));
        assertTrue(e.getMessage().contains("is APPROVED"), e.getMessage());
    }

    @Test
    void anUnapprovedRequestDeletedIsDenied() {
        ProvisioningRequest r = request(RequestKind.ENVIRONMENT, true);
        r.accept("alice", NOW);
        assertEquals(RequestState.DENIED, r.deprovision("alice", "deleted", NOW).orElseThrow().toState);
        assertFalse(r.deletable());
        assertNull(r.nextAttemptAt());
    }

    @Test
    void onlyAReadyDatabaseIsRotatedAndOnlyALiveRequestExtended() {
        ProvisioningRequest r = request(RequestKind.DATABASE, false);
        r.accept("alice", NOW);
        assertThrows(ConflictException.class, () -> r.requestRotation(NOW));
        assertThrows(ConflictException.class, r::requireCredentialsReady);
        r.attemptFailed("reconciler", "x", false, 5, n -> Duration.ZERO, NOW);
        ConflictException e = assertThrows(ConflictException.class, r::requireExtensible);
        assertEquals("a FAILED database cannot be extended", e.getMessage());
    }
}
