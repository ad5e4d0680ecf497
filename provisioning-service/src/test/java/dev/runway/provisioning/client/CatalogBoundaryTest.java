package dev.runway.provisioning.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import dev.runway.common.testing.HangingStandIn;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.provisioning.driver.ExternalFailure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The catalog client against a catalog-service that hangs: a step's call times out as a retryable failure, and once
 * the breaker is open the reconciler's calls fail at once, retryable, without reaching catalog-service. (Recovery
 * through the breaker's trial call is the same {@code Boundary}, proven in runway-common.) No timing is asserted.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
@QuarkusTestResource(value = HungCatalog.class, restrictToAnnotatedClass = true)
class CatalogBoundaryTest {
    @Inject
    RestCatalogGateway gateway;

    private final HangingStandIn.Control catalog = new HangingStandIn.Control(HungCatalog.URL);

    long reached() {
        return catalog.requests();
    }

    @Test
    void aHungCatalogTimesOutThenIsRefusedWithoutBeingCalled() {
        // The first call also builds the client and fetches a token, and may time out before its request is out.
        assertThrows(ExternalFailure.class, () -> gateway.remove("payments-db"));
        CircuitBreakerMaintenance.get().resetAll();
        Throwable refused = null;
        int timedOut = 0;
        for (int i = 0; i < 5 * HungCatalog.VOLUME && refused == null; i++) {
            long before = reached();
            ExternalFailure failure = assertThrows(ExternalFailure.class, () -> gateway.remove("payments-db"));
            assertTrue(failure.retryable(), "the reconciler backs off and tries again");
            if (failure.getCause() instanceof CircuitBreakerOpenException open) {
                refused = open;
                assertEquals(before, reached());
            } else {
                assertInstanceOf(TimeoutException.class, failure.getCause());
                assertEquals(before + 1, reached(), "a timed-out delete is not retried");
                timedOut++;
            }
        }
        assertTrue(refused != null, "the breaker opens while catalog-service hangs");
        assertTrue(timedOut >= 2, "it opens on failures, not before: " + timedOut);

        long reached = reached();
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(CircuitBreakerOpenException.class, assertThrows(ExternalFailure.class,
                    () -> gateway.register(RestCatalogGatewayTest.resource("payments-db", "hung"))).getCause());
            assertInstanceOf(CircuitBreakerOpenException.class,
                    assertThrows(ExternalFailure.class, () -> gateway.remove("payments-db")).getCause());
        }
        assertEquals(reached, reached());
    }
}
