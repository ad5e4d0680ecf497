package dev.runway.provisioning.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.runway.common.security.Caller;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestChanged;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;

/**
 * Marks a request wanted gone, an environment with its databases, for a caller's delete or for the TTL reaper; the
 * reconciler removes them.
 */
@ApplicationScoped
public class Deprovisioning {
    private static final Caller REAPER = Caller.service("ttl-reaper");

    private final ProvisioningRequestRepository requests;
    private final Lifecycle lifecycle;
    private final Event<RequestChanged> changed;

    public Deprovisioning(ProvisioningRequestRepository requests, Lifecycle lifecycle, Event<RequestChanged> changed) {
        this.requests = requests;
        this.lifecycle = lifecycle;
        this.changed = changed;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deprovision(ProvisioningRequest r, Caller actor, String reason, Instant now) {
        if (r.kind() == RequestKind.ENVIRONMENT) {
            for (ProvisioningRequest db : requests.databasesOfForChange(r.id())) {
                if (db.live()) {
                    deprovision(db, actor, "its environment is being deleted", now);
                }
            }
        }
        lifecycle.record(r, actor, r.deprovision(actor.username(), reason, now));
        if (r.dueBy(now)) {
            changed.fire(new RequestChanged(r.id()));
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UUID> expiredEnvironments() {
        return requests.expired(Instant.now());
    }

    /** Deprovisions the environment if it is (still) expired; false if it is not or another worker has it. */
    @Transactional
    public boolean expire(UUID id) {
        Instant now = Instant.now();
        Optional<ProvisioningRequest> r = requests.lockIfFree(id);
        if (r.isEmpty() || !r.get().expired(now)) {
            return false;
        }
        deprovision(r.get(), REAPER, "expired at " + r.get().expiresAt(), now);
        return true;
    }
}
