package dev.runway.access.ratelimit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.ratelimit.RateLimitClock;
import dev.runway.common.ratelimit.WriteRateLimiter;
import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmark, not a test (no assertions; surefire does not pick it up by name). Run with {@code bin/runway bench
 * ratelimit}. What a write pays for a per-user bucket shared by replicas (one row of the service's database, locked,
 * read and rewritten in one transaction) beside the in-memory bucket of a single instance and beside the floor of any
 * database work: a {@code SELECT 1} round trip on the same pool. Method and results: BENCHMARKS.md, "Shared rate
 * limits".
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_access"))
class RateLimitBenchmark {
    private static final int PER_THREAD = Integer.getInteger("bench.calls", 2_000);
    private static final int WARM_UP = 500;

    @Inject
    DataSource dataSource;

    /** One call of a measured operation by client {@code thread}. */
    private interface Call {
        void run(int thread) throws Exception;
    }

    @Test
    void sharedBucketsBesideMemoryAndTheRoundTripFloor() throws Exception {
        System.out.println("Rate-limit benchmark, PostgreSQL " + RunwayTestResource.durability() + ", "
                + PER_THREAD + " calls per client after " + WARM_UP + " of warm-up");
        RateLimitClock clock = new RateLimitClock();
        // Buckets that never run out: every call spends a token and is granted, as a normal write is.
        WriteRateLimiter shared = WriteRateLimiter.shared(dataSource, Long.MAX_VALUE / 4, 1_000_000, clock::wallNanos,
                Duration.ofSeconds(10));
        WriteRateLimiter memory = WriteRateLimiter.memoryForBenchmarks(Long.MAX_VALUE / 4, 1_000_000);
        for (int threads : new int[] { 1, 8 }) {
            IntFunction<String> ownUser = t -> "bench-user-" + t;
            report("SELECT 1 on the pool (floor)", threads, t -> select1());
            report("in-memory bucket", threads, t -> memory.tryAcquire(ownUser.apply(t)));
            report("shared bucket, a user per client", threads, t -> shared.tryAcquire(ownUser.apply(t)));
            if (threads > 1) {
                report("shared bucket, one user on every client", threads, t -> shared.tryAcquire("bench-hot"));
            }
        }
    }

    private void select1() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        }
    }

    private static void report(String what, int threads, Call call) throws Exception {
        run(threads, WARM_UP, call);
        long start = System.nanoTime();
        long[] latencies = run(threads, PER_THREAD, call);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %.3f | %.3f | %.3f |%n", what, threads,
                latencies.length / seconds, pct(latencies, 0.50), pct(latencies, 0.95), pct(latencies, 0.99));
    }

    private static long[] run(int threads, int perThread, Call call) throws Exception {
        long[] latencies = new long[threads * perThread];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        long t0 = System.nanoTime();
                        call.run(thread);
                        latencies[thread * perThread + i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return latencies;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
