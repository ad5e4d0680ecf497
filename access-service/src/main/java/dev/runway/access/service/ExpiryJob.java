package dev.runway.access.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

@ApplicationScoped
public class ExpiryJob {
    private final ExpiryService expiry;
    private final Clock clock;

    public ExpiryJob(ExpiryService expiry, Clock clock) {
        this.expiry = expiry;
        this.clock = clock;
    }

    @Scheduled(identity = "access-expiry", every = "${runway.access.expiry-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        expiry.expireDue(clock.instant());
    }
}
