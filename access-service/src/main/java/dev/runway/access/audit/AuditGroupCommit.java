package dev.runway.access.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.runway.common.error.UpstreamUnavailableException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Group commit for audit appends that have nothing else to commit with them (policy decisions): concurrent callers
 * hand their entries to one writer, which appends whatever has queued up in one transaction — one chain lock and
 * one WAL flush for many decisions instead of one each — and then releases every caller. A caller returns only once
 * its entries are committed, so "decided" still means "audited".
 *
 * <p>Appends that must commit atomically with other changes keep using {@link AuditService} in their own
 * transaction.
 */
@ApplicationScoped
public class AuditGroupCommit {
    private static final Logger LOG = Logger.getLogger(AuditGroupCommit.class);
    /** Bounds one transaction (and so the chain lock's hold time) when a burst has queued up. */
    private static final int MAX_ENTRIES_PER_COMMIT = 2000;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private record Pending(List<AuditEntry> entries, CompletableFuture<Void> committed) {
    }

    private final AuditService audit;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Callers that handed their entries over and are not yet answered. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final DistributionSummary commitSize;
    private volatile boolean stopping;
    private Thread writer;

    public AuditGroupCommit(AuditService audit, MeterRegistry registry) {
        this.audit = audit;
        // Entries per commit is what tells whether concurrent callers really share commits (count: commits).
        this.commitSize = DistributionSummary.builder("runway.audit.group.commit.entries")
                .description("Audit entries appended per group-commit transaction")
                .register(registry);
        Gauge.builder("runway.audit.group.commit.waiting", waiting, AtomicInteger::get)
                .description("Callers waiting for the group commit to make their audit entries durable")
                .register(registry);
    }

    /** Appends the entries and returns once they are committed; 503 if the audit log cannot take them. */
    public void appendAndWait(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (stopping) {
            throw new UpstreamUnavailableException("access-service is shutting down; ask again");
        }
        CompletableFuture<Void> committed = new CompletableFuture<>();
        ensureWriter();
        waiting.incrementAndGet();
        queue.add(new Pending(entries, committed));
        try {
            committed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new UpstreamUnavailableException("the audit log did not take the decision in time; ask again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("interrupted while auditing; ask again");
        } finally {
            waiting.decrementAndGet();
        }
    }

    private synchronized void ensureWriter() {
        if (writer == null) {
            writer = new Thread(this::run, "audit-group-commit");
            writer.setDaemon(true);
            writer.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        Thread w;
        synchronized (this) {
            w = writer;
        }
        if (w != null) {
            w.interrupt();
            w.join(WAIT.toMillis());
        }
    }

    private void run() {
        while (true) {
            Pending first;
            try {
                first = stopping ? queue.poll() : queue.take();
            } catch (InterruptedException e) {
                // Shutting down: commit what is queued, then leave.
                first = queue.poll();
            }
            if (first == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            batch.add(first);
            int count = first.entries().size();
            Pending next;
            while (count < MAX_ENTRIES_PER_COMMIT && (next = queue.poll()) != null) {
                batch.add(next);
                count += next.entries().size();
            }
            commit(batch);
        }
    }

    private void commit(List<Pending> batch) {
        List<AuditEntry> all = new ArrayList<>();
        batch.forEach(p -> all.addAll(p.entries()));
        try {
            QuarkusTransaction.requiringNew().run(() -> audit.appendAll(all));
            commitSize.record(all.size());
            batch.forEach(p -> p.committed().complete(null));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).committed().completeExceptionally(e);
                return;
            }
            // One caller's bad entry must not fail the others: commit each caller's entries on their own.
            LOG.debugf("group commit of %d callers failed (%s); committing them one by one", batch.size(), e);
            batch.forEach(p -> commit(List.of(p)));
        }
    }
}
