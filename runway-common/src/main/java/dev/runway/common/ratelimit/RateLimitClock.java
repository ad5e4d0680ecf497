package dev.runway.common.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The monotonic time the write buckets refill by. A bean of its own so that a test can stop time and assert a
 * refusal without racing the refill.
 */
@ApplicationScoped
public class RateLimitClock {

    public long nanoTime() {
        return System.nanoTime();
    }
}
