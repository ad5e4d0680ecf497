package dev.runway.provisioning.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.runway.provisioning.client.CatalogGateway;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestState;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;

/**
 * Brings catalog-service in line with a request's state (Resource registered while READY, removed once DELETED).
 * Deliberately apart from the request's steps: a catalog outage never holds back READY or DELETED nor fails the
 * request; it counts its own attempts and is retried on the same backoff.
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

    /** @return when to try again, or null when the catalog is in line */
    Instant sync(ProvisioningRequest r, IntFunction<Duration> backoff, Instant now) {
        if (!r.catalogBehind()) {
            return null;
        }
        boolean register = r.state() == RequestState.READY;
        try {
            if (register) {
                ProvisioningRequest environment = r.environmentId() == null ? null
                        : requests.findById(r.environmentId());
                catalog.register(CatalogEntities.resource(r, environment));
            } else {
                catalog.remove(CatalogEntities.name(r));
            }
            r.catalogInLine();
            return null;
        } catch (RuntimeException e) {
            int attempts = r.catalogFailed(e.getMessage());
            LOG.warnf("catalog %s of %s failed (attempt %d): %s", register ? "registration" : "removal", r.id(),
                    attempts, e.getMessage());
            return now.plus(backoff.apply(attempts));
        }
    }
}
