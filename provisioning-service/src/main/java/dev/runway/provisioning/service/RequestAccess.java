package dev.runway.provisioning.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.common.error.NotPermittedException;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.policy.Decision;
import dev.runway.common.security.Caller;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.policy.ProvisioningPolicy;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;

/**
 * Finds a request on behalf of a caller: a request the caller may not see answers 404 (whether it exists is not
 * disclosed), one the caller sees but may not change 403. Shared by the commands and the queries.
 */
@ApplicationScoped
public class RequestAccess {
    private final ProvisioningRequestRepository requests;
    private final ProvisioningPolicy policy;

    public RequestAccess(ProvisioningRequestRepository requests, ProvisioningPolicy policy) {
        this.requests = requests;
        this.policy = policy;
    }

    /** A request the caller may see, else 404. */
    public ProvisioningRequest visible(Caller caller, UUID id, RequestKind kind) {
        return shown(requests.findByIdOptional(id), caller, id, kind);
    }

    /**
     * As {@link #visible}, with the row locked for this transaction: every change through the API reads the row this
     * way, so it waits for a reconciler step working on the request (the step holds the lock) and is not refused at
     * commit because the step moved the row's version on.
     */
    public ProvisioningRequest visibleForChange(Caller caller, UUID id, RequestKind kind) {
        return shown(requests.findForChange(id), caller, id, kind);
    }

    /** A request the caller may change (row locked), else 404 if not visible, 403 if visible but not changeable. */
    public ProvisioningRequest changeable(Caller caller, UUID id, RequestKind kind) {
        ProvisioningRequest r = visibleForChange(caller, id, kind);
        require(policy.mayChange(caller, r), "you may not change this " + r.kind().name().toLowerCase());
        return r;
    }

    /** 403 with access-service's reason unless allowed. */
    public static void require(Decision decision, String what) {
        if (!decision.allowed()) {
            throw new NotPermittedException(what + ": " + decision.reason());
        }
    }

    private ProvisioningRequest shown(Optional<ProvisioningRequest> found, Caller caller, UUID id, RequestKind kind) {
        return found.filter(r -> kind == null || r.kind() == kind)
                .filter(r -> policy.maySee(caller, r))
                .orElseThrow(() -> new ResourceNotFoundException("no such request: " + id));
    }
}
