package dev.runway.common.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The bucket arithmetic, with time advanced by hand rather than waited for. */
class WriteRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final WriteRateLimiter limiter = new WriteRateLimiter(3, 1, now::get);

    @Test
    void burstOfCapacityThenRefused() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.tryAcquire("alice"), "write " + (i + 1));
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), limiter.tryAcquire("alice"));
    }

    @Test
    void refillsAtTheConfiguredRate() {
        drain("alice");
        advance(Duration.ofMillis(400));
        assertEquals(Optional.of(Duration.ofMillis(600)), limiter.tryAcquire("alice"));
        advance(Duration.ofMillis(600));
        assertEquals(Optional.empty(), limiter.tryAcquire("alice"));
        assertTrue(limiter.tryAcquire("alice").isPresent(), "one second gave back exactly one write");
    }

    @Test
    void aLongPauseRefillsNoMoreThanTheCapacity() {
        drain("alice");
        advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.tryAcquire("alice"));
        }
        assertTrue(limiter.tryAcquire("alice").isPresent());
    }

    @Test
    void eachUserHasHisOwnBucket() {
        drain("alice");
        assertEquals(Optional.empty(), limiter.tryAcquire("bob"));
        assertTrue(limiter.tryAcquire("alice").isPresent());
    }

    @Test
    void aUsersChecksAndWritesAreSeparateBuckets() {
        drain("alice");
        assertEquals(Optional.empty(), limiter.tryAcquire(WriteRateLimiter.Budget.CHECKS, "alice"));
        for (int i = 1; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.tryAcquire(WriteRateLimiter.Budget.CHECKS, "alice"));
        }
        assertTrue(limiter.tryAcquire(WriteRateLimiter.Budget.CHECKS, "alice").isPresent());
    }

    @Test
    void fullBucketsAreForgottenOnceManyUsersAreTracked() {
        for (int i = 0; i < WriteRateLimiter.SWEEP_ABOVE; i++) {
            limiter.tryAcquire("user-" + i);
        }
        drain("still-waiting");
        assertEquals(WriteRateLimiter.SWEEP_ABOVE + 1, limiter.tracked());
        advance(Duration.ofSeconds(5));
        drain("still-waiting");
        limiter.tryAcquire("newcomer");
        assertEquals(2, limiter.tracked(), "only the user still short of writes and the newcomer are kept");
        assertTrue(limiter.tryAcquire("still-waiting").isPresent(), "forgetting others did not refill her bucket");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
        assertEquals(1, WriteRateLimiter.retryAfterSeconds(Duration.ZERO));
        assertEquals(1, WriteRateLimiter.retryAfterSeconds(Duration.ofMillis(1)));
        assertEquals(1, WriteRateLimiter.retryAfterSeconds(Duration.ofSeconds(1)));
        assertEquals(2, WriteRateLimiter.retryAfterSeconds(Duration.ofMillis(1001)));
        assertEquals(30, WriteRateLimiter.retryAfterSeconds(Duration.ofSeconds(30)));
    }

    @Test
    void nonsensicalLimitsAreRefusedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> new WriteRateLimiter(0, 1, now::get));
        assertThrows(IllegalArgumentException.class, () -> new WriteRateLimiter(5, 0, now::get));
    }

    private void drain(String user) {
        while (limiter.tryAcquire(user).isEmpty()) {
            // take every write left
        }
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
