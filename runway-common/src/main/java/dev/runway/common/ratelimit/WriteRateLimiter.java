package dev.runway.common.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * Token buckets per user, one per {@link Budget}: {@code capacity} requests at once, then {@code refillPerSecond}
 * more each second. With {@code runway.rate-limit.store=postgresql} a user's bucket is one row of the service's
 * database that every replica spends from (bucket4j's PostgreSQL store, the row locked for the read-modify-write), so
 * N replicas still allow one budget; with {@code memory} each instance has its own, which suits a single instance.
 */
@ApplicationScoped
public class WriteRateLimiter {
    /** Beyond this many users tracked in memory, buckets that have refilled completely are dropped. */
    static final int SWEEP_ABOVE = 10_000;
    /** How long a shared bucket that is full again stays before it may be swept. */
    static final Duration KEEP_FULL = Duration.ofSeconds(10);
    /** The shared buckets' table (each service's own migration creates it). */
    public static final String TABLE = "rate_limit_bucket";

    /** What a request spends: a write, or a check that changes nothing ({@link RateLimitedAsCheck}). */
    public enum Budget {
        WRITES, CHECKS
    }

    private final UserBuckets writes;
    private final UserBuckets checks;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> shared;

    @Inject
    public WriteRateLimiter(RateLimitConfig config, RateLimitClock clock, Instance<DataSource> dataSource) {
        if (config.store() == RateLimitConfig.Store.POSTGRESQL) {
            if (!dataSource.isResolvable()) {
                throw new IllegalStateException("runway.rate-limit.store=postgresql needs the service's datasource");
            }
            shared = proxyManager(dataSource.get(), clock::wallNanos, KEEP_FULL);
            writes = new SharedBuckets(shared, "writes", config.writes().capacity(), config.writes().refillPerSecond());
            checks = new SharedBuckets(shared, "checks", config.checks().capacity(), config.checks().refillPerSecond());
        } else {
            shared = null;
            writes = new MemoryBuckets("writes", config.writes().capacity(), config.writes().refillPerSecond(),
                    clock::nanoTime);
            checks = new MemoryBuckets("checks", config.checks().capacity(), config.checks().refillPerSecond(),
                    clock::nanoTime);
        }
    }

    private WriteRateLimiter(UserBuckets writes, UserBuckets checks,
            PostgreSQLSelectForUpdateBasedProxyManager<String> shared) {
        this.writes = writes;
        this.checks = checks;
        this.shared = shared;
    }

    /** In memory, both budgets the same: for the limiter's own tests. */
    WriteRateLimiter(long capacity, long refillPerSecond, LongSupplier nanoTime) {
        this(new MemoryBuckets("writes", capacity, refillPerSecond, nanoTime),
                new MemoryBuckets("checks", capacity, refillPerSecond, nanoTime), null);
    }

    /** In memory, both budgets the same, on the monotonic clock: the single-instance baseline of a benchmark. */
    public static WriteRateLimiter memoryForBenchmarks(long capacity, long refillPerSecond) {
        return new WriteRateLimiter(capacity, refillPerSecond, System::nanoTime);
    }

    /**
     * In {@code dataSource}'s {@value #TABLE}, both budgets the same, refilled by {@code wallNanos}, a bucket kept
     * {@code keepFull} after it would be full again (measured on the real clock): what one replica runs, for tests
     * that start several on one database.
     */
    public static WriteRateLimiter shared(DataSource dataSource, long capacity, long refillPerSecond,
            LongSupplier wallNanos, Duration keepFull) {
        PostgreSQLSelectForUpdateBasedProxyManager<String> proxy = proxyManager(dataSource, wallNanos, keepFull);
        return new WriteRateLimiter(new SharedBuckets(proxy, "writes", capacity, refillPerSecond),
                new SharedBuckets(proxy, "checks", capacity, refillPerSecond), proxy);
    }

    private static PostgreSQLSelectForUpdateBasedProxyManager<String> proxyManager(DataSource dataSource,
            LongSupplier wallNanos, Duration keepFull) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                // A row whose bucket would be full again is worth no more than a missing one: it may go.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(keepFull))
                .clientClock(clock(wallNanos, true))
                .build();
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

    /** Spends everything left in the user's write bucket (tests and operators stopping a runaway script). */
    public long drain(String user) {
        return writes.drain(user);
    }

    /**
     * Deletes shared buckets that would be full by now, at most {@code batch} rows ({@code FOR UPDATE SKIP LOCKED}, so
     * replicas running it together share the work). Zero in memory, where full buckets are swept on the way.
     */
    public int removeExpired(int batch) {
        return shared == null ? 0 : shared.removeExpired(batch);
    }

    /** Users with a write bucket in memory right now. */
    int tracked() {
        return writes instanceof MemoryBuckets m ? m.tracked() : 0;
    }

    /** Retry-After counts whole seconds and never says 0, which a client would take as "retry at once". */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static Bandwidth bandwidth(String budget, long capacity, long refillPerSecond) {
        if (capacity < 1 || refillPerSecond < 1) {
            throw new IllegalArgumentException("runway.rate-limit." + budget
                    + ".capacity and .refill-per-second must be at least 1");
        }
        // Greedy refill: tokens come back continuously, so a user who waits 1/rate seconds may go again.
        return Bandwidth.builder().capacity(capacity).refillGreedy(refillPerSecond, Duration.ofSeconds(1)).build();
    }

    private static TimeMeter clock(LongSupplier nanos, boolean wallClock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return wallClock;
            }
        };
    }

    private static Optional<Duration> waitOf(ConsumptionProbe probe) {
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** One budget's buckets, one per user. */
    private interface UserBuckets {
        Bucket bucket(String user);

        default Optional<Duration> tryAcquire(String user) {
            return waitOf(bucket(user).tryConsumeAndReturnRemaining(1));
        }

        default long drain(String user) {
            return bucket(user).tryConsumeAsMuchAsPossible();
        }
    }

    private static final class MemoryBuckets implements UserBuckets {
        private final long capacity;
        private final Bandwidth bandwidth;
        private final TimeMeter time;
        private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

        MemoryBuckets(String budget, long capacity, long refillPerSecond, LongSupplier nanoTime) {
            this.capacity = capacity;
            this.bandwidth = bandwidth(budget, capacity, refillPerSecond);
            this.time = clock(nanoTime, false);
        }

        @Override
        public Bucket bucket(String user) {
            Bucket bucket = buckets.get(user);
            if (bucket == null) {
                if (buckets.size() >= SWEEP_ABOVE) {
                    // A bucket removed while another thread is using it costs at most that one token: harmless.
                    buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
                }
                bucket = buckets.computeIfAbsent(user, u -> Bucket.builder().addLimit(bandwidth)
                        .withCustomTimePrecision(time).build());
            }
            return bucket;
        }

        int tracked() {
            return buckets.size();
        }
    }

    /** One row per budget and user; each call is one short transaction on the service's pool. */
    private static final class SharedBuckets implements UserBuckets {
        private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxy;
        private final String budget;
        private final BucketConfiguration configuration;

        SharedBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> proxy, String budget, long capacity,
                long refillPerSecond) {
            this.proxy = proxy;
            this.budget = budget;
            this.configuration = BucketConfiguration.builder()
                    .addLimit(bandwidth(budget, capacity, refillPerSecond)).build();
        }

        @Override
        public Bucket bucket(String user) {
            return proxy.builder().build(budget + ":" + user, () -> configuration);
        }
    }
}
