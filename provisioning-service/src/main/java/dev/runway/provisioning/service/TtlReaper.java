package dev.runway.provisioning.service;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.scheduler.Scheduled;

import dev.runway.common.scheduling.ScheduledRuns;

/**
 * Deprovisions environments whose TTL has passed (their databases go with them). It only marks them wanted gone and
 * wakes the reconciler through the request's schedule, like any delete: the reconciler never calls back into here.
 * One replica reaps per period ({@link ScheduledRuns}); {@link Deprovisioning#expire} is idempotent besides, so a
 * direct call racing the scheduled one marks nothing twice.
 */
@ApplicationScoped
public class TtlReaper {
    static final String JOB = "provisioning.ttl-reaper";

    private final Deprovisioning deprovisioning;
    private final ScheduledRuns runs;
    private final Duration interval;

    public TtlReaper(Deprovisioning deprovisioning, ScheduledRuns runs,
            @ConfigProperty(name = "runway.provisioning.reconciler.interval") Duration interval) {
        this.deprovisioning = deprovisioning;
        this.runs = runs;
        this.interval = interval;
    }

    @Scheduled(every = "${runway.provisioning.reconciler.interval}", identity = "ttl-reaper",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (runs.claim(JOB, interval)) {
            reapExpired();
        }
    }

    /** @return how many environments it marked for deprovisioning */
    public int reapExpired() {
        int n = 0;
        for (UUID id : deprovisioning.expiredEnvironments()) {
            if (deprovisioning.expire(id)) {
                n++;
            }
        }
        return n;
    }
}
