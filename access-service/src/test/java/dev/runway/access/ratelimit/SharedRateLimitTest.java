package dev.runway.access.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * Two replicas of a service on one database: two limiters on this service's pool, each as a replica builds it
 * ({@code runway.rate-limit.store=postgresql}), spend from one bucket per user. Time is advanced by hand.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_access"))
class SharedRateLimitTest {
    @Inject
    DataSource dataSource;

    private final AtomicLong now = new AtomicLong(new RateLimitClock().wallNanos());

    private WriteRateLimiter replica(long capacity) {
        return WriteRateLimiter.shared(dataSource, capacity, 1, now::get, Duration.ofSeconds(10));
    }

    private static String user() {
        return "rl-" + UUID.randomUUID();
    }

    @Test
    void twoReplicasSpendOneBudget() {
        WriteRateLimiter a = replica(3);
        WriteRateLimiter b = replica(3);
        String user = user();
        assertEquals(Optional.empty(), a.tryAcquire(user));
        assertEquals(Optional.empty(), b.tryAcquire(user));
        assertEquals(Optional.empty(), a.tryAcquire(user));
        assertEquals(Optional.of(Duration.ofSeconds(1)), b.tryAcquire(user), "the third write spent the budget");
        assertTrue(a.tryAcquire(user).isPresent());
        assertEquals(Optional.empty(), b.tryAcquire(user()), "another user has a bucket of her own");

        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(Optional.empty(), b.tryAcquire(user));
        assertTrue(a.tryAcquire(user).isPresent(), "one second gave back one write across both replicas");
    }

    @Test
    void concurrentWritesOnTwoReplicasNeverExceedTheBudget() throws Exception {
        WriteRateLimiter a = replica(40);
        WriteRateLimiter b = replica(40);
        String user = user();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> clients = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                WriteRateLimiter replica = i % 2 == 0 ? a : b;
                clients.add(() -> {
                    int granted = 0;
                    for (int j = 0; j < 10; j++) {
                        granted += replica.tryAcquire(user).isEmpty() ? 1 : 0;
                    }
                    return granted;
                });
            }
            int granted = 0;
            for (Future<Integer> f : pool.invokeAll(clients)) {
                granted += f.get();
            }
            assertEquals(40, granted, "80 attempts on two replicas, a budget of 40 (the clock is stopped)");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void checksAndWritesAreSeparateRows() throws Exception {
        WriteRateLimiter a = replica(2);
        String user = user();
        a.drain(user);
        assertTrue(a.tryAcquire(user).isPresent());
        assertEquals(Optional.empty(), a.tryAcquire(WriteRateLimiter.Budget.CHECKS, user));
        assertEquals(List.of("checks:" + user, "writes:" + user), rows(user));
    }

    @Test
    void bucketsThatWouldBeFullAreSweptAndTheTableIsUnlogged() throws Exception {
        // Refilled within a millisecond and kept no longer: expired as soon as the real clock has moved on.
        WriteRateLimiter quick = WriteRateLimiter.shared(dataSource, 1000, 1_000_000, new RateLimitClock()::wallNanos,
                Duration.ZERO);
        // Drained, 1,000 s from full again: kept.
        WriteRateLimiter slow = replica(1000);
        String refilled = user();
        String spending = user();
        quick.tryAcquire(refilled);
        slow.drain(spending);
        assertEquals(List.of("writes:" + refilled), rows(refilled));
        Thread.sleep(50);

        assertTrue(slow.removeExpired(1000) >= 1);
        assertEquals(List.of(), rows(refilled), "full again: removed");
        assertEquals(List.of("writes:" + spending), rows(spending), "still empty: kept");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT relpersistence FROM pg_class WHERE relname = ?")) {
            s.setString(1, WriteRateLimiter.TABLE);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("u", rs.getString(1), "no WAL, so no fsync, for a token");
            }
        }
    }

    private List<String> rows(String user) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id FROM " + WriteRateLimiter.TABLE + " WHERE id LIKE ? ORDER BY id")) {
            s.setString(1, "%:" + user);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }
}
