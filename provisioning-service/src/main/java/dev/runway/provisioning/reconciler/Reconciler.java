package dev.runway.provisioning.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import dev.runway.common.scheduling.ScheduledRuns;
import dev.runway.provisioning.config.ProvisioningConfig;
import dev.runway.provisioning.domain.RequestChanged;
import dev.runway.provisioning.reconciler.ReconcileStep.Stepped;
import io.quarkus.scheduler.Scheduled;

/**
 * Level-triggered: every tick works all due requests step by step from what the database says, and each
 * accepted change is nudged right after commit ({@link RequestChanged}) so it does not wait for the tick. It only
 * claims due requests and runs their next step; it calls no service. Replicas coordinate only
 * through row locks, so any number of them may run this loop.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    /** Bounds one tick so that a stream of new work cannot keep it running forever. */
    private static final int MAX_STEPS_PER_TICK = 5000;
    private static final int MAX_STEPS_PER_NUDGE = 50;
    /**
     * Nudges hold a database connection while they call Kubernetes; unbounded, a burst of requests let them take
     * the whole pool and new requests failed. Past this many, a change simply waits for the next tick.
     */
    private static final int MAX_CONCURRENT_NUDGES = 4;

    private final Semaphore nudgeSlots = new Semaphore(MAX_CONCURRENT_NUDGES);

    private final ReconcileStep steps;
    private final CatalogSync catalog;
    private final ManagedExecutor executor;
    private final ProvisioningConfig config;
    private final ScheduledRuns runs;

    public Reconciler(ReconcileStep steps, CatalogSync catalog, ManagedExecutor executor, ProvisioningConfig config,
            ScheduledRuns runs) {
        this.steps = steps;
        this.catalog = catalog;
        this.executor = executor;
        this.config = config;
        this.runs = runs;
    }

    @Scheduled(every = "${runway.provisioning.reconciler.interval}", identity = "reconciler",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        runs.ran("provisioning.reconciler");
        // Several workers share the due requests through SKIP LOCKED row claims, so a burst is worked in parallel
        // (each step mostly waits on Kubernetes or a database server); one of them is this scheduler thread.
        int workers = Math.max(1, config.reconciler().workers());
        List<CompletableFuture<Integer>> others = new ArrayList<>(workers - 1);
        for (int i = 1; i < workers; i++) {
            others.add(executor.supplyAsync(this::reconcileDue));
        }
        reconcileDue();
        others.forEach(CompletableFuture::join);
    }

    /** Works due requests until none is left; returns the number of steps taken. */
    public int reconcileDue() {
        int n = 0;
        try {
            while (n < MAX_STEPS_PER_TICK && followed(steps.stepDue()).isPresent()) {
                n++;
            }
        } catch (RuntimeException e) {
            LOG.error("reconcile loop interrupted; the next tick resumes", e);
        }
        return n;
    }

    /** Drives one request as far as it can go right now. */
    public void drive(UUID id) {
        for (int i = 0; i < MAX_STEPS_PER_NUDGE && followed(steps.step(id)).filter(Stepped::dueNow).isPresent(); i++) {
            // each iteration is one committed step
        }
    }

    /** Makes the catalog attempt a committed step left, now that the step's row lock is released. */
    private Optional<Stepped> followed(Optional<Stepped> stepped) {
        stepped.flatMap(Stepped::catalog).ifPresent(catalog::bringInLine);
        return stepped;
    }

    void nudge(@Observes(during = TransactionPhase.AFTER_SUCCESS) RequestChanged changed) {
        if (!config.reconciler().nudge() || !nudgeSlots.tryAcquire()) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    drive(changed.id());
                } catch (RuntimeException e) {
                    LOG.warn("nudge failed; the next tick resumes", e);
                } finally {
                    nudgeSlots.release();
                }
            });
        } catch (RuntimeException e) {
            nudgeSlots.release();
            throw e;
        }
    }
}
