package dev.runway.common.ratelimit;

import io.smallrye.config.ConfigMapping;

/**
 * Per-user write rate limiting ({@code runway.rate-limit.*}); the defaults are in runway-common's shared
 * {@code META-INF/microprofile-config.properties}.
 */
@ConfigMapping(prefix = "runway.rate-limit")
public interface RateLimitConfig {

    /** Off only for an emergency: the limiter is what stops a runaway script from flooding the audit log. */
    boolean enabled();

    Writes writes();

    interface Writes {
        /** The burst: how many writes a user may make at once before waiting. */
        long capacity();

        /** The sustained rate: writes a user gets back per second. */
        long refillPerSecond();
    }
}
