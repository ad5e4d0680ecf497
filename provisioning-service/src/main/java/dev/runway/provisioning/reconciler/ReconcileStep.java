package dev.runway.provisioning.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.runway.common.security.Caller;
import dev.runway.provisioning.config.ProvisioningConfig;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestEvent;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.domain.RequestState;
import dev.runway.provisioning.domain.Step;
import dev.runway.provisioning.driver.ExternalFailure;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;
import dev.runway.provisioning.service.Lifecycle;

/**
 * One reconcile step of one request per transaction: the row is locked ({@code FOR UPDATE SKIP LOCKED}) while
 * its step runs, and the progress recorded commits with it. A step that ran in the world but whose commit was
 * lost (crash) simply runs again: every step is idempotent. What a step does is its kind's plan; this only claims
 * the request, runs its next step and records what the request's transition says. The catalog, another Runway
 * service, is called after the commit ({@link CatalogSync}), never while the row is locked.
 */
@ApplicationScoped
public class ReconcileStep {
    private static final Logger LOG = Logger.getLogger(ReconcileStep.class);
    private static final Caller RECONCILER = Caller.service("reconciler");

    private final ProvisioningRequestRepository requests;
    private final Lifecycle lifecycle;
    private final EnvironmentReconciliation environments;
    private final DatabaseReconciliation databases;
    private final ProvisioningConfig.Reconciler config;

    public ReconcileStep(ProvisioningRequestRepository requests, Lifecycle lifecycle,
            EnvironmentReconciliation environments, DatabaseReconciliation databases, ProvisioningConfig config) {
        this.requests = requests;
        this.lifecycle = lifecycle;
        this.environments = environments;
        this.databases = databases;
        this.config = config.reconciler();
    }

    /**
     * What a committed step leaves to do: whether the request has more work due right away, and the catalog attempt
     * to make now that the row is no longer locked.
     */
    public record Stepped(boolean dueNow, Optional<CatalogSync.Pending> catalog) {
    }

    /** Works one step of some due request; empty when nothing was due (or all due rows are taken). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Stepped> stepDue() {
        Instant now = Instant.now();
        return requests.claimDue(now).map(r -> stepped(r, now));
    }

    /** Works one step of this request if it is due and free; empty when it is not. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Stepped> step(UUID id) {
        Instant now = Instant.now();
        return requests.claim(id, now).map(r -> stepped(r, now));
    }

    private Stepped stepped(ProvisioningRequest r, Instant now) {
        Optional<CatalogSync.Pending> catalog = work(r, now);
        return new Stepped(r.dueBy(now), catalog);
    }

    private Optional<CatalogSync.Pending> work(ProvisioningRequest r, Instant now) {
        try {
            if (r.kind() == RequestKind.ENVIRONMENT) {
                return run(r, environments, now);
            }
            return run(r, databases, now);
        } catch (ExternalFailure f) {
            failed(r, f.getMessage(), f.retryable(), now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconciling %s failed unexpectedly", r.id());
            failed(r, "unexpected error in the reconciler, will retry", true, now);
        }
        return Optional.empty();
    }

    private <W> Optional<CatalogSync.Pending> run(ProvisioningRequest r, KindReconciliation<W> kind, Instant now) {
        W work = kind.work(r);
        if (r.desired() == ProvisioningRequest.Desired.ABSENT && r.state() != RequestState.DEPROVISIONING) {
            return catalogAfter(r, null, r::dueAt, now);
        }
        switch (r.state()) {
            case APPROVED -> {
                KindReconciliation.Gate gate = kind.gate(r);
                if (gate.open()) {
                    lifecycle.record(r, RECONCILER, r.start(RECONCILER.username(), now));
                } else if (gate.closedForGood() == null) {
                    waitFor(r, now);
                } else {
                    failed(r, gate.closedForGood(), false, now);
                }
            }
            case PROVISIONING, DEPROVISIONING -> {
                Step<W> step = kind.plan().step(r.step());
                Step.Outcome outcome = r.state() == RequestState.PROVISIONING ? step.apply(work) : step.undo(work);
                switch (outcome) {
                    case DONE -> {
                        Optional<RequestEvent> e = r.advance(RECONCILER.username(), now);
                        if (e.isPresent()) {
                            return finished(r, kind, e.get(), now);
                        }
                    }
                    case WAIT -> waitFor(r, now);
                    case RESTART -> r.restart(now);
                }
            }
            case READY -> {
                return catalogAfter(r, kind.resync(r, work, now), r::resynced, now);
            }
            default -> r.dueAt(null);
        }
        return Optional.empty();
    }

    /** The plan is through: READY (resync scheduled) or DELETED; the catalog follows either way. */
    private Optional<CatalogSync.Pending> finished(ProvisioningRequest r, KindReconciliation<?> kind, RequestEvent e,
            Instant now) {
        lifecycle.record(r, RECONCILER, e);
        Instant next = r.state() == RequestState.READY ? kind.afterReady(r, now) : null;
        return catalogAfter(r, next, r::dueAt, now);
    }

    /**
     * Schedules the request at {@code next}, or sooner at the catalog's retry when the catalog is behind; the catalog
     * attempt itself is made after this transaction commits ({@link CatalogSync#bringInLine}).
     */
    private Optional<CatalogSync.Pending> catalogAfter(ProvisioningRequest r, Instant next, Consumer<Instant> schedule,
            Instant now) {
        Instant retry = r.catalogRetryAt(now, this::backoff);
        schedule.accept(earliest(next, retry));
        return retry == null ? Optional.empty() : Optional.of(new CatalogSync.Pending(r.id(), r.state(), next, retry));
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isBefore(b) ? a : b;
    }

    /** Waiting on something else (an environment, a namespace being deleted) is not a failure. */
    private void waitFor(ProvisioningRequest r, Instant now) {
        r.dueAt(now.plus(config.backoffBase()));
    }

    private void failed(ProvisioningRequest r, String reason, boolean retryable, Instant now) {
        lifecycle.record(r, RECONCILER,
                r.attemptFailed(RECONCILER.username(), reason, retryable, config.maxAttempts(), this::backoff, now));
    }

    /** base · 2^(attempts-1), capped. */
    Duration backoff(int attempts) {
        Duration d = config.backoffBase().multipliedBy(1L << Math.min(attempts - 1, 30));
        return d.compareTo(config.backoffCap()) > 0 || d.isNegative() ? config.backoffCap() : d;
    }
}
