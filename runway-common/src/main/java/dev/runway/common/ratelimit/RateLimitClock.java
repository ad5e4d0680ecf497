package dev.runway.common.ratelimit;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The time the write buckets refill by. A bean of its own so that a test can stop time and assert a refusal without
 * racing the refill.
 */
@ApplicationScoped
public class RateLimitClock {

    /** Monotonic: buckets in this instance's memory. */
    public long nanoTime() {
        return System.nanoTime();
    }

    /** Wall-clock nanoseconds: buckets shared by replicas, whose monotonic clocks have unrelated origins. */
    public long wallNanos() {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    }
}
