package dev.runway.common.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Token buckets per user, in this instance's memory, one per {@link Budget}: {@code capacity} requests at once, then
 * {@code refillPerSecond} more each second. With N replicas a user may reach N times the rate, which is still far
 * below what hurts a service; the point is to stop a script that hammers one, not to meter exactly.
 */
@ApplicationScoped
public class WriteRateLimiter {
    /** Beyond this many users tracked, buckets that have refilled completely are dropped (they equal new ones). */
    static final int SWEEP_ABOVE = 10_000;

    /** What a request spends: a write, or a check that changes nothing ({@link RateLimitedAsCheck}). */
    public enum Budget {
        WRITES, CHECKS
    }

    private final UserBuckets writes;
    private final UserBuckets checks;

    @Inject
    public WriteRateLimiter(RateLimitConfig config, RateLimitClock clock) {
        this(new UserBuckets("writes", config.writes(), clock::nanoTime),
                new UserBuckets("checks", config.checks(), clock::nanoTime));
    }

    /** Both budgets the same: for the limiter's own tests. */
    WriteRateLimiter(long capacity, long refillPerSecond, LongSupplier nanoTime) {
        this(new UserBuckets("writes", capacity, refillPerSecond, nanoTime),
                new UserBuckets("checks", capacity, refillPerSecond, nanoTime));
    }

    private WriteRateLimiter(UserBuckets writes, UserBuckets checks) {
        this.writes = writes;
        this.checks = checks;
    }

    /**
     * Takes one write from the user's bucket.
     *
     * @return empty when the write may go ahead, else how long until the user's next write is allowed
     */
    public Optional<Duration> tryAcquire(String user) {
        return tryAcquire(Budget.WRITES, user);
    }

    /**
     * Takes one request from the user's bucket of {@code budget}.
     *
     * @return empty when the request may go ahead, else how long until the user's next one is allowed
     */
    public Optional<Duration> tryAcquire(Budget budget, String user) {
        return (budget == Budget.WRITES ? writes : checks).tryAcquire(user);
    }

    /** Users with a write bucket in memory right now. */
    int tracked() {
        return writes.tracked();
    }

    /** Retry-After counts whole seconds and never says 0, which a client would take as "retry at once". */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** One budget's buckets, one per user. */
    private static final class UserBuckets {
        private final long capacity;
        private final Bandwidth bandwidth;
        private final TimeMeter time;
        private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

        UserBuckets(String budget, RateLimitConfig.Rate rate, LongSupplier nanoTime) {
            this(budget, rate.capacity(), rate.refillPerSecond(), nanoTime);
        }

        UserBuckets(String budget, long capacity, long refillPerSecond, LongSupplier nanoTime) {
            if (capacity < 1 || refillPerSecond < 1) {
                throw new IllegalArgumentException("runway.rate-limit." + budget
                        + ".capacity and .refill-per-second must be at least 1");
            }
            this.capacity = capacity;
            // Greedy refill: tokens come back continuously, so a user who waits 1/rate seconds may go again.
            this.bandwidth = Bandwidth.builder().capacity(capacity)
                    .refillGreedy(refillPerSecond, Duration.ofSeconds(1)).build();
            this.time = new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return nanoTime.getAsLong();
                }

                @Override
                public boolean isWallClockBased() {
                    return false;
                }
            };
        }

        Optional<Duration> tryAcquire(String user) {
            Bucket bucket = buckets.get(user);
            if (bucket == null) {
                if (buckets.size() >= SWEEP_ABOVE) {
                    // A bucket removed while another thread is using it costs at most that one token: harmless.
                    buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
                }
                bucket = buckets.computeIfAbsent(user, u -> Bucket.builder().addLimit(bandwidth)
                        .withCustomTimePrecision(time).build());
            }
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? Optional.empty()
                    : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }

        int tracked() {
            return buckets.size();
        }
    }
}
