package dev.runway.provisioning.reconciler;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.runway.provisioning.client.CatalogGateway;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestState;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Brings catalog-service in line with a request's state (Resource registered while READY, removed once DELETED).
 * Deliberately apart from the request's steps: a catalog outage never holds back READY or DELETED nor fails the
 * request; it counts its own attempts and is retried on the same backoff.
 *
 * <p>catalog-service is remote, so it is called after the step's transaction has committed, holding no row lock and
 * no transaction; the outcome is then recorded in a short transaction of its own. The step has already scheduled
 * the request for the retry a failure would need, so a crash between the call and the record still retries.
 */
@ApplicationScoped
public class CatalogSync {
    private static final Logger LOG = Logger.getLogger(CatalogSync.class);
    private final CatalogGateway catalog;
    private final ProvisioningRequestRepository requests;

    public CatalogSync(CatalogGateway catalog, ProvisioningRequestRepository requests) {
        this.catalog = catalog;
        this.requests = requests;
    }

    /**
     * A catalog attempt that a committed step left to make.
     *
     * @param state the request's state the catalog is to follow
     * @param next  when the request is due for its own work, should the attempt succeed
     * @param retry when the step scheduled it, for this attempt's failure
     */
    public record Pending(UUID id, RequestState state, Instant next, Instant retry) {
    }

    /** Makes the attempt, unless the request has moved on since (its next step then leaves its own). */
    public void bringInLine(Pending p) {
        Optional<Runnable> call = QuarkusTransaction.requiringNew().call(() -> requests.findByIdOptional(p.id())
                .filter(r -> r.state() == p.state() && r.catalogBehind())
                .map(this::call));
        if (call.isEmpty()) {
            return;
        }
        String failure = null;
        try {
            call.get().run();
        } catch (RuntimeException e) {
            failure = e.getMessage();
        }
        record(p, failure);
    }

    /** The call that brings the catalog in line with the request as read. */
    private Runnable call(ProvisioningRequest r) {
        if (r.state() == RequestState.READY) {
            ProvisioningRequest environment = r.environmentId() == null ? null : requests.findById(r.environmentId());
            Map<String, Object> entity = CatalogEntities.resource(r, environment);
            return () -> catalog.register(entity);
        }
        String name = CatalogEntities.name(r);
        return () -> catalog.remove(name);
    }

    /** Waits for a step working on the request: the catalog's answer is not to be lost. */
    private void record(Pending p, String failure) {
        QuarkusTransaction.requiringNew().run(() -> requests.findForChange(p.id())
                .filter(r -> r.state() == p.state() && r.catalogBehind())
                .ifPresent(r -> {
                    if (failure == null) {
                        r.catalogInLine();
                        // Back to the request's own schedule, unless a change woke it since.
                        if (p.retry().equals(r.nextAttemptAt())) {
                            r.dueAt(p.next());
                        }
                    } else {
                        // Already due at the retry the step scheduled for this failure.
                        int attempts = r.catalogFailed(failure);
                        LOG.warnf("catalog %s of %s failed (attempt %d): %s",
                                p.state() == RequestState.READY ? "registration" : "removal", r.id(), attempts,
                                failure);
                    }
                }));
    }
}
