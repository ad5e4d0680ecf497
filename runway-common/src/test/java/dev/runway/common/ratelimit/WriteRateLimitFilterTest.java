package dev.runway.common.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.common.testing.StoppedRateLimitClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * The limiter in the request path: small buckets (3 writes, 5 checks, 1 a second each) and a stopped clock, so
 * that a refusal is certain and nothing depends on how fast the test runs. Each test writes as its own user.
 */
@QuarkusTest
@TestProfile(WriteRateLimitFilterTest.SmallBucket.class)
class WriteRateLimitFilterTest {
    private static final String PATH = "/api/v1/rate-probe";

    public static class SmallBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("runway.rate-limit.writes.capacity", "3", "runway.rate-limit.writes.refill-per-second", "1",
                    "runway.rate-limit.checks.capacity", "5", "runway.rate-limit.checks.refill-per-second", "1");
        }
    }

    @Inject
    WriteRateLimiter limiter;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void stopTheClock() {
        StoppedRateLimitClock.install();
    }

    @Test
    @TestSecurity(user = "rl-writer", roles = "developer")
    void writesBeyondTheBucketAreProblem429WithRetryAfter() {
        double refusedBefore = refused();
        given().when().post(PATH).then().statusCode(200);
        given().when().put(PATH).then().statusCode(200);
        given().when().delete(PATH).then().statusCode(200);
        given().when().post(PATH).then().statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", "1")
                .body("status", equalTo(429))
                .body("type", equalTo("https://runway.dev/problems/too-many-requests"))
                .body("title", equalTo("Too many requests"))
                .body("instance", equalTo(PATH));
        given().when().delete(PATH).then().statusCode(429).header("Retry-After", "1");
        assertEquals(refusedBefore + 2, refused());
    }

    @Test
    @TestSecurity(user = "rl-reader", roles = "developer")
    void readsAreNeverLimited() {
        exhaustOverHttp();
        for (int i = 0; i < 10; i++) {
            given().when().get(PATH).then().statusCode(200);
        }
    }

    @Test
    @TestSecurity(user = "rl-neighbour", roles = "developer")
    void anotherUsersBucketDoesNotLimitThisOne() {
        while (limiter.tryAcquire("rl-hammering-script").isEmpty()) {
            // the other user spends every write
        }
        assertTrue(limiter.tryAcquire("rl-hammering-script").isPresent());
        given().when().post(PATH).then().statusCode(200);
        given().when().post(PATH).then().statusCode(200);
        given().when().post(PATH).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "service-account-rl", roles = "service")
    void serviceAccountsAreNotLimited() {
        for (int i = 0; i < 10; i++) {
            given().when().post(PATH).then().statusCode(200);
        }
    }

    @Test
    @TestSecurity(user = "rl-asker", roles = "developer")
    void exemptOperationsAreNotCountedAsWrites() {
        for (int i = 0; i < 10; i++) {
            given().when().post(PATH + "/question").then().statusCode(200);
        }
        given().when().post(PATH).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "rl-linter", roles = "developer")
    void checksSpendTheirOwnBudgetNotTheWrites() {
        for (int i = 0; i < 5; i++) {
            given().when().post(PATH + "/lint").then().statusCode(200);
        }
        given().when().post(PATH + "/lint").then().statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", "1")
                .body("detail", startsWith("Too many checks"));
        // Linting used up the checks, not a single write.
        exhaustOverHttp();
    }

    @Test
    @TestSecurity(user = "rl-busy-writer", roles = "developer")
    void writesDoNotSpendTheChecks() {
        exhaustOverHttp();
        for (int i = 0; i < 5; i++) {
            given().when().post(PATH + "/lint").then().statusCode(200);
        }
    }

    @Test
    void anonymousWritesGet401NotA429() {
        for (int i = 0; i < 5; i++) {
            given().when().post(PATH).then().statusCode(401);
        }
    }

    private void exhaustOverHttp() {
        for (int i = 0; i < 3; i++) {
            given().when().post(PATH).then().statusCode(200);
        }
        given().when().post(PATH).then().statusCode(429);
    }

    private double refused() {
        Counter counter = registry.find("runway.rate.limited").tag("service", "runway-common").counter();
        return counter == null ? 0 : counter.count();
    }
}
