package dev.runway.common.resilience;

import static dev.runway.common.resilience.HangingAccessService.QUESTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.common.error.UpstreamUnavailableException;
import dev.runway.common.policy.AccessDecisions;
import dev.runway.common.policy.Actions;
import dev.runway.common.policy.Decision;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The decision client against an access-service that hangs (connections accepted, nothing answered): the first
 * calls time out and fail closed; once the breaker is open, calls fail closed without reaching access-service; when
 * it answers again and the breaker's delay has passed, calls succeed, with no restart. Timings are not asserted
 * (see {@code BoundaryBenchmark} for them): what shows the breaker is that no request reaches the stand-in.
 */
@QuarkusTest
@QuarkusTestResource(value = HangingAccessService.class, restrictToAnnotatedClass = true)
class AccessServiceBreakerTest {
    @Inject
    AccessDecisions decisions;

    private final HangingAccessService.Control standIn = new HangingAccessService.Control();

    /** The first call of the application pays for the client's start and may exceed the short test timeout. */
    @BeforeEach
    void warmUp() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            try {
                decisions.decide("tok", QUESTION);
                break;
            } catch (UpstreamUnavailableException e) {
                Thread.sleep(100);
            }
        }
        CircuitBreakerMaintenance.get().resetAll();
    }

    @AfterEach
    void resume() {
        standIn.resume();
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void hungAccessServiceTimesOutThenIsRefusedAtOnceThenRecoversWithoutRestart() throws Exception {
        assertEquals(Decision.Effect.ALLOW, decisions.decide("tok", QUESTION).decision());

        standIn.hang();
        List<Throwable> timedOut = new ArrayList<>();
        Throwable refused = null;
        for (int i = 0; i < 5 * HangingAccessService.VOLUME && refused == null; i++) {
            long before = standIn.requests();
            Throwable cause = assertThrows(UpstreamUnavailableException.class, () -> decisions.decide("tok", QUESTION))
                    .getCause();
            if (cause instanceof CircuitBreakerOpenException) {
                refused = cause;
                assertEquals(before, standIn.requests(), "the refused call must not reach access-service");
            } else {
                assertInstanceOf(TimeoutException.class, cause, "a hung call times out (and is not retried)");
                assertEquals(before + 1, standIn.requests());
                timedOut.add(cause);
            }
        }
        assertTrue(refused != null, "the breaker opens while access-service hangs");
        assertTrue(timedOut.size() >= 2, "it opens on failures, not before: " + timedOut.size());

        // Open: every kind of question is refused without a request going out, and still fails closed.
        long reached = standIn.requests();
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(CircuitBreakerOpenException.class,
                    assertThrows(UpstreamUnavailableException.class, () -> decisions.require("tok", QUESTION)).getCause());
            assertInstanceOf(CircuitBreakerOpenException.class, assertThrows(UpstreamUnavailableException.class,
                    () -> decisions.decideAll("tok", List.of(QUESTION, QUESTION))).getCause());
            assertInstanceOf(CircuitBreakerOpenException.class, assertThrows(UpstreamUnavailableException.class,
                    () -> decisions.reach("tok", Actions.ENVIRONMENT_READ)).getCause());
        }
        assertEquals(reached, standIn.requests());

        // access-service answers again: once the breaker's delay has passed, a trial call closes it.
        standIn.resume();
        Decision recovered = null;
        for (int i = 0; i < 300 && recovered == null; i++) {
            try {
                recovered = decisions.decide("tok", QUESTION);
            } catch (UpstreamUnavailableException e) {
                assertInstanceOf(CircuitBreakerOpenException.class, e.getCause(), "only refused until the delay");
                Thread.sleep(50);
            }
        }
        assertTrue(recovered != null, "calls succeed again without a restart");
        assertEquals(Decision.Effect.ALLOW, recovered.decision());
        assertEquals(reached + 1, standIn.requests(), "one trial call closed the breaker");
        assertTrue(decisions.reach("tok", Actions.ENVIRONMENT_READ).everything());
        assertEquals(reached + 2, standIn.requests());
    }
}
