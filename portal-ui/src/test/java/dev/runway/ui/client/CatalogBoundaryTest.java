package dev.runway.ui.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The portal against a catalog-service that accepts connections and never answers: a page says in words that the
 * catalog is unreachable, and once the catalog's breaker is open the portal stops calling it and answers at once.
 * No timing is asserted beyond "well under the clients' 10 s read timeout".
 */
@QuarkusTest
@TestSecurity(user = "alice", roles = "developer")
@QuarkusTestResource(value = HungCatalog.class, restrictToAnnotatedClass = true)
class CatalogBoundaryTest {
    private static final String ENTITY_PAGE = "/catalog/component/default/shop";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private static long pageMillis() {
        long start = System.nanoTime();
        given().get(ENTITY_PAGE).then().statusCode(502)
                .body(containsString("The catalog service is not reachable right now."));
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void aHungCatalogOpensTheBreakerAndIsThenNotCalledAtAll() {
        CircuitBreakerMaintenance breakers = CircuitBreakerMaintenance.get();
        int pages = 0;
        do {
            // The catalog's breaker exists from the portal's first call to it on.
            assertTrue(pageMillis() < READ_TIMEOUT.toMillis(), "a hung call is abandoned before the read timeout");
            pages++;
        } while (breakers.currentState("catalog-service") != CircuitBreakerState.OPEN && pages < 5 * HungCatalog.VOLUME);
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("catalog-service"),
                "the breaker opens while the catalog hangs");
        assertTrue(HungCatalog.connections() > 0, "the catalog was called before the breaker opened");

        int connections = HungCatalog.connections();
        for (int i = 0; i < 5; i++) {
            assertTrue(pageMillis() < READ_TIMEOUT.toMillis() / 2, "an open breaker answers without waiting");
        }
        assertEquals(connections, HungCatalog.connections(), "an open breaker does not call the catalog");
    }
}
