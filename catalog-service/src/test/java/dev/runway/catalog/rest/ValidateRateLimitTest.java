package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.BOB;
import static dev.runway.catalog.rest.CatalogTestSupport.component;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.StoppedRateLimitClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Validating descriptors is a check, not a write: it spends the caller's check budget, so a CI job that lints a
 * repository does not use up its author's writes. Small buckets and a stopped clock make every refusal certain.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
@TestProfile(ValidateRateLimitTest.SmallBuckets.class)
class ValidateRateLimitTest {

    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("runway.rate-limit.writes.capacity", "2", "runway.rate-limit.writes.refill-per-second", "1",
                    "runway.rate-limit.checks.capacity", "4", "runway.rate-limit.checks.refill-per-second", "1");
        }
    }

    @BeforeEach
    void stopTheClock() {
        StoppedRateLimitClock.install();
    }

    @Test
    void validatingSpendsTheCheckBudgetAndLeavesTheWritesAlone() {
        String descriptor = component(unique("linted"), "payments");
        for (int i = 0; i < 4; i++) {
            yaml(BOB, descriptor).post("/api/v1/entities/validate").then().statusCode(200);
        }
        yaml(BOB, descriptor).post("/api/v1/entities/validate").then().statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", "1")
                .body("detail", startsWith("Too many checks"));

        // Four validations later, both writes of the bucket are still there.
        yaml(BOB, component(unique("written"), "payments")).post("/api/v1/entities").then().statusCode(201);
        yaml(BOB, component(unique("written"), "payments")).post("/api/v1/entities").then().statusCode(201);
        yaml(BOB, component(unique("written"), "payments")).post("/api/v1/entities").then().statusCode(429)
                .body("detail", startsWith("Too many writes"));
    }
}
