package dev.runway.common.testing;

import dev.runway.common.ratelimit.RateLimitClock;
import io.quarkus.test.junit.QuarkusMock;

/** Stops the write limiter's clock for the current test, so that no refill can race a test's assertions. */
public final class StoppedRateLimitClock {

    private StoppedRateLimitClock() {
    }

    /** Installs, for the current test of a {@code @QuarkusTest}, a limiter clock stopped at this instant. */
    public static void install() {
        long now = System.nanoTime();
        long wallNow = new RateLimitClock().wallNanos();
        QuarkusMock.installMockForType(new RateLimitClock() {
            @Override
            public long nanoTime() {
                return now;
            }

            @Override
            public long wallNanos() {
                return wallNow;
            }
        }, RateLimitClock.class);
    }
}
