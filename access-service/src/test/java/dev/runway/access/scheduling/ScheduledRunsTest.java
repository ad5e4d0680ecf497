package dev.runway.access.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.scheduling.ScheduledRuns;
import dev.runway.common.testing.RunwayTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Elected scheduled jobs on two replicas of one service (two {@link ScheduledRuns} on this service's database, each
 * with its own name and meters, as each replica has): one run per period between them. Time passes by moving the
 * job's recorded last run back, so nothing here waits on a clock.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_access"))
class ScheduledRunsTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    DataSource dataSource;

    private ScheduledRuns replica(String name) {
        return new ScheduledRuns(() -> dataSource, new SimpleMeterRegistry(), name);
    }

    private static String job() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void oneReplicaRunsEachPeriodAndTheOtherSkipsIt() throws Exception {
        ScheduledRuns a = replica("a");
        ScheduledRuns b = replica("b");
        String job = job();
        assertTrue(a.claim(job, HOUR), "the first claim of a job wins");
        assertFalse(b.claim(job, HOUR), "the other replica skips the period");
        assertFalse(a.claim(job, HOUR), "and so does the winner's next tick within it");

        pastBy(job, Duration.ofMinutes(61));
        assertTrue(b.claim(job, HOUR), "a period later either replica may win");
        assertFalse(a.claim(job, HOUR));
        assertEquals(2, runs(job));
        assertEquals("b", holder(job));
        assertEquals(1, a.count(job, "ran"));
        assertEquals(2, a.count(job, "skipped"));
        assertEquals(1, b.count(job, "ran"));
        assertEquals(1, b.count(job, "skipped"));
    }

    @Test
    void aTickSlightlyEarlyStillWinsItsPeriodButNotHalfAPeriod() throws Exception {
        ScheduledRuns a = replica("a");
        String job = job();
        assertTrue(a.claim(job, HOUR));
        pastBy(job, Duration.ofMinutes(30));
        assertFalse(a.claim(job, HOUR), "half a period later is the same period");
        pastBy(job, Duration.ofMinutes(25));
        assertTrue(a.claim(job, HOUR), "55 minutes: within the tenth allowed for scheduler jitter");
    }

    @Test
    void concurrentClaimsOnTwoReplicasElectExactlyOne() throws Exception {
        ScheduledRuns a = replica("a");
        ScheduledRuns b = replica("b");
        String job = job();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int period = 0; period < 5; period++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<Boolean>> ticks = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    ScheduledRuns replica = i % 2 == 0 ? a : b;
                    ticks.add(() -> {
                        start.await();
                        return replica.claim(job, HOUR);
                    });
                }
                List<Future<Boolean>> results = new ArrayList<>();
                for (Callable<Boolean> tick : ticks) {
                    results.add(pool.submit(tick));
                }
                start.countDown();
                int won = 0;
                for (Future<Boolean> r : results) {
                    won += r.get() ? 1 : 0;
                }
                assertEquals(1, won, "one winner in period " + period);
                pastBy(job, Duration.ofMinutes(61));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5, runs(job));
        assertEquals(5, a.count(job, "ran") + b.count(job, "ran"));
        assertEquals(35, a.count(job, "skipped") + b.count(job, "skipped"));
    }

    @Test
    void sharedJobsAreCountedOnEveryReplica() {
        ScheduledRuns a = replica("a");
        ScheduledRuns b = replica("b");
        a.ran("shared");
        b.ran("shared");
        a.ran("shared");
        assertEquals(2, a.count("shared", "ran"));
        assertEquals(1, b.count("shared", "ran"));
    }

    private void pastBy(String job, Duration ago) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE " + ScheduledRuns.TABLE + " SET last_run_at = last_run_at - make_interval(secs => ?) WHERE job = ?")) {
            s.setDouble(1, ago.toSeconds());
            s.setString(2, job);
            assertEquals(1, s.executeUpdate());
        }
    }

    private long runs(String job) throws Exception {
        return (Long) column(job, "runs");
    }

    private String holder(String job) throws Exception {
        return (String) column(job, "holder");
    }

    private Object column(String job, String column) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + column + " FROM " + ScheduledRuns.TABLE + " WHERE job = ?")) {
            s.setString(1, job);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "the job has a row");
                return rs.getObject(1);
            }
        }
    }
}
