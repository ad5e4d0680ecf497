package dev.runway.common.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;

import dev.runway.common.error.NotPermittedException;
import dev.runway.common.error.UpstreamUnavailableException;

/**
 * The wrapper's fail-closed contract for every way the REST client reports trouble. The real transport
 * (closed port, a server answering 500) is exercised against the real client in access-service's tests.
 */
class AccessDecisionsTest {
    private static final DecisionRequest CHECK = DecisionRequest.forCaller(Actions.CATALOG_ENTITY_WRITE,
            DecisionResource.entity("Component", "default", "payments-api", "payments"));

    private static DecisionApi answering(Decision decision, BatchDecisionResponse batch, RuntimeException failure,
            AtomicReference<String> seenAuthorization) {
        return new DecisionApi() {
            @Override
            public Decision decide(String authorization, DecisionRequest request) {
                seenAuthorization.set(authorization);
                if (failure != null) {
                    throw failure;
                }
                return decision;
            }

            @Override
            public BatchDecisionResponse decideAll(String authorization, BatchDecisionRequest request) {
                seenAuthorization.set(authorization);
                if (failure != null) {
                    throw failure;
                }
                return batch;
            }

            /** A reach of team payments when the double is set to answer at all, nothing (null) otherwise. */
            @Override
            public Reach reach(String authorization, String action) {
                seenAuthorization.set(authorization);
                if (failure != null) {
                    throw failure;
                }
                return decision == null || decision.decision() == null ? null
                        : new Reach(false, List.of("payments"), List.of());
            }
        };
    }

    @Test
    void allowIsPassedThroughWithTheBearerToken() {
        AtomicReference<String> auth = new AtomicReference<>();
        AccessDecisions decisions = new AccessDecisions(answering(Decision.allow("owning team", null), null, null, auth));
        assertEquals(Decision.Effect.ALLOW, decisions.require("tok", CHECK).decision());
        assertEquals("Bearer tok", auth.get());
        auth.set(null);
        assertEquals(List.of("payments"), decisions.reach("tok2", Actions.ENVIRONMENT_READ).teams());
        assertEquals("Bearer tok2", auth.get());
    }

    @Test
    void denyBecomesNotPermittedWithTheReason() {
        AccessDecisions decisions = new AccessDecisions(
                answering(Decision.deny("not in team payments"), null, null, new AtomicReference<>()));
        NotPermittedException e = assertThrows(NotPermittedException.class, () -> decisions.require("tok", CHECK));
        assertEquals("not in team payments", e.getMessage());
    }

    @Test
    void unreachableFailsClosed() {
        AccessDecisions decisions = new AccessDecisions(answering(null, null,
                new ProcessingException("Connection refused"), new AtomicReference<>()));
        assertThrows(UpstreamUnavailableException.class, () -> decisions.decide("tok", CHECK));
        assertThrows(UpstreamUnavailableException.class, () -> decisions.decideAll("tok", List.of(CHECK)));
        assertThrows(UpstreamUnavailableException.class, () -> decisions.reach("tok", Actions.ENVIRONMENT_READ));
    }

    @Test
    void serverErrorFailsClosed() {
        AccessDecisions decisions = new AccessDecisions(answering(null, null,
                new WebApplicationException(500), new AtomicReference<>()));
        assertThrows(UpstreamUnavailableException.class, () -> decisions.require("tok", CHECK));
    }

    @Test
    void emptyOrIncompleteAnswersFailClosed() {
        AccessDecisions empty = new AccessDecisions(answering(new Decision(null, null, null),
                new BatchDecisionResponse(List.of()), null, new AtomicReference<>()));
        assertThrows(UpstreamUnavailableException.class, () -> empty.decide("tok", CHECK));
        assertThrows(UpstreamUnavailableException.class, () -> empty.decideAll("tok", List.of(CHECK, CHECK)));
        assertThrows(UpstreamUnavailableException.class, () -> empty.reach("tok", Actions.ENVIRONMENT_READ));
    }

    @Test
    void batchKeepsOrder() {
        BatchDecisionResponse answer = new BatchDecisionResponse(List.of(Decision.allow("a", null), Decision.deny("b")));
        AccessDecisions decisions = new AccessDecisions(answering(null, answer, null, new AtomicReference<>()));
        List<Decision> result = decisions.decideAll("tok", List.of(CHECK, CHECK));
        assertEquals(List.of(Decision.Effect.ALLOW, Decision.Effect.DENY),
                result.stream().map(Decision::decision).toList());
    }
}
