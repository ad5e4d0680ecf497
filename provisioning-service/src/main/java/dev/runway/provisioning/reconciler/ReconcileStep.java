package dev.runway.provisioning.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

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
 * the request, runs its next step and records what the request's transition says.
 */
@ApplicationScoped
public class ReconcileStep {
    private static final Logger LOG = Logger.getLogger(ReconcileStep.class);
    private static final Caller RECONCILER = Caller.service("reconciler");

    private final ProvisioningRequestRepository requests;
    private final Lifecycle lifecycle;
    private final CatalogSync catalog;
    private final EnvironmentReconciliation environments;
    private final DatabaseReconciliation databases;
    private final ProvisioningConfig.Reconciler config;

    public ReconcileStep(ProvisioningRequestRepository requests, Lifecycle lifecycle, CatalogSync catalog,
            EnvironmentReconciliation environments, DatabaseReconciliation databases, ProvisioningConfig config) {
        this.requests = requests;
        this.lifecycle = lifecycle;
        this.catalog = catalog;
        this.environments = environments;
        this.databases = databases;
        this.config = config.reconciler();
    }

    /** Works one step of some due request; false when nothing was due (or all due rows are taken). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean stepDue() {
        Instant now = Instant.now();
        Optional<ProvisioningRequest> r = requests.claimDue(now);
        r.ifPresent(x -> work(x, now));
        return r.isPresent();
    }

    /** Works one step of this request if it is due and free; true when it has more work due right away. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean step(UUID id) {
        Instant now = Instant.now();
        Optional<ProvisioningRequest> r = requests.claim(id, now);
        if (r.isEmpty()) {
            return false;
        }
        work(r.get(), now);
        return r.get().dueBy(now);
    }

    private void work(ProvisioningRequest r, Instant now) {
        try {
            if (r.kind() == RequestKind.ENVIRONMENT) {
                run(r, environments, now);
            } else {
                run(r, databases, now);
            }
        } catch (ExternalFailure f) {
            failed(r, f.getMessage(), f.retryable(), now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconciling %s failed unexpectedly", r.id());
            failed(r, "unexpected error in the reconciler, will retry", true, now);
        }
    }

    private <W> void run(ProvisioningRequest r, KindReconciliation<W> kind, Instant now) {
        W work = kind.work(r);
        if (r.desired() == ProvisioningRequest.Desired.ABSENT && r.state() != RequestState.DEPROVISIONING) {
            r.dueAt(catalog.sync(r, this::backoff, now));
            return;
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
                    case DONE -> r.advance(RECONCILER.username(), now).ifPresent(e -> finished(r, kind, e, now));
                    case WAIT -> waitFor(r, now);
                    case RESTART -> r.restart(now);
                }
            }
            case READY -> {
                Instant catalogRetry = catalog.sync(r, this::backoff, now);
                r.resynced(earliest(kind.resync(r, work, now), catalogRetry));
            }
            default -> r.dueAt(null);
        }
    }

    /** The plan is through: READY (resync scheduled) or DELETED; the catalog follows either way. */
    private void finished(ProvisioningRequest r, KindReconciliation<?> kind, RequestEvent e, Instant now) {
        lifecycle.record(r, RECONCILER, e);
        Instant next = r.state() == RequestState.READY ? kind.afterReady(r, now) : null;
        r.dueAt(earliest(next, catalog.sync(r, this::backoff, now)));
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
