package dev.runway.common.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;

import dev.runway.common.scheduling.ScheduledRuns;

/**
 * Deletes shared rate-limit buckets that would be full again by now, so that the table holds the users of the last
 * seconds rather than everyone who ever wrote. Every replica runs it; {@code SKIP LOCKED} lets them share the rows
 * instead of waiting on each other. Only in services that keep buckets in PostgreSQL (they also bring the scheduler).
 */
@ApplicationScoped
@IfBuildProperty(name = "runway.rate-limit.store", stringValue = "postgresql")
public class SharedBucketSweeper {
    static final int BATCH = 1000;

    private final WriteRateLimiter limiter;
    private final ScheduledRuns runs;

    public SharedBucketSweeper(WriteRateLimiter limiter, ScheduledRuns runs) {
        this.limiter = limiter;
        this.runs = runs;
    }

    @Scheduled(every = "${runway.rate-limit.sweep-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        runs.ran("rate-limit-sweep");
        while (limiter.removeExpired(BATCH) == BATCH) {
            // a full batch: more may have expired
        }
    }
}
