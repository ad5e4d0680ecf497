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

    /**
     * Where the buckets live: {@code memory} (this instance alone: with N replicas a user gets N times the budget) or
     * {@code postgresql} (one bucket per user shared by every replica, in the service's own database, table
     * {@code rate_limit_bucket}).
     */
    Store store();

    enum Store {
        MEMORY, POSTGRESQL
    }

    /** What a person's writes may spend. */
    Rate writes();

    /**
     * What a person's checks may spend: POSTs that change nothing ({@link RateLimitedAsCheck}), such as validating
     * descriptors. Separate from {@link #writes()}, so that a CI job linting many files does not use up its
     * author's writes, and more generous, since a check costs only a read; still bounded, since reads are not free.
     */
    Rate checks();

    interface Rate {
        /** The burst: how many requests a user may make at once before waiting. */
        long capacity();

        /** The sustained rate: requests a user gets back per second. */
        long refillPerSecond();
    }
}
