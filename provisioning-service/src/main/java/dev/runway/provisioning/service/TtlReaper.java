package dev.runway.provisioning.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * Deprovisions environments whose TTL has passed (their databases go with them). It only marks them wanted gone and
 * wakes the reconciler through the request's schedule, like any delete: the reconciler never calls back into here.
 */
@ApplicationScoped
public class TtlReaper {
    private final Deprovisioning deprovisioning;

    public TtlReaper(Deprovisioning deprovisioning) {
        this.deprovisioning = deprovisioning;
    }

    @Scheduled(every = "${runway.provisioning.reconciler.interval}", identity = "ttl-reaper",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        reapExpired();
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
