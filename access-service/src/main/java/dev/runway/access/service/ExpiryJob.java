package dev.runway.access.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

import dev.runway.common.scheduling.ScheduledRuns;

/** Every replica runs it: {@link ExpiryService} claims due rows with SKIP LOCKED, so each expires once. */
@ApplicationScoped
public class ExpiryJob {
    private final ExpiryService expiry;
    private final Clock clock;
    private final ScheduledRuns runs;

    public ExpiryJob(ExpiryService expiry, Clock clock, ScheduledRuns runs) {
        this.expiry = expiry;
        this.clock = clock;
        this.runs = runs;
    }

    @Scheduled(identity = "access-expiry", every = "${runway.access.expiry-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        runs.ran("access.expiry");
        expiry.expireDue(clock.instant());
    }
}
