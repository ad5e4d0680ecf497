package dev.runway.provisioning.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
 * disclosed), one the caller sees but may not change 403. Shared by the commands and the queries. The decisions are
 * asked of access-service, so commands ask them before they lock the request ({@link #forChange}).
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
        return requests.findByIdOptional(id).filter(r -> kind == null || r.kind() == kind)
                .filter(r -> policy.maySee(caller, r))
                .orElseThrow(() -> new ResourceNotFoundException("no such request: " + id));
    }

    /** A request the caller may change, else 404 if not visible, 403 if visible but not changeable. */
    public ProvisioningRequest changeable(Caller caller, UUID id, RequestKind kind) {
        ProvisioningRequest r = visible(caller, id, kind);
        require(policy.mayChange(caller, r), "you may not change this " + r.kind().name().toLowerCase());
        return r;
    }

    /**
     * The request, decided on before, with its row locked for this transaction: every change through the API reads
     * the row this way, so it waits for a reconciler step working on the request (the step holds the lock) and is
     * not refused at commit because the step moved the row's version on. Requests are never removed, so one that was
     * seen is found.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ProvisioningRequest forChange(UUID id) {
        return requests.findForChange(id).orElseThrow(() -> new ResourceNotFoundException("no such request: " + id));
    }

    /** 403 with access-service's reason unless allowed. */
    public static void require(Decision decision, String what) {
        if (!decision.allowed()) {
            throw new NotPermittedException(what + ": " + decision.reason());
        }
    }
}
