package dev.runway.provisioning.policy;

import java.util.List;

import dev.runway.common.policy.Decision;
import dev.runway.common.policy.Reach;
import dev.runway.common.security.Caller;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;

/**
 * Resource-level decisions of provisioning-service, in one place so that callers do not know who answers
 * (access-service's policy decision point).
 */
public interface ProvisioningPolicy {

    /**
     * Whose requests of this kind the caller might see: everything (platform-admins, auditors, global bindings), or
     * the requests of some teams and environments — a superset, each candidate still decided by {@link #maySee}.
     */
    Reach reach(Caller caller, RequestKind kind);

    /** May the caller see the requests of every team (platform-admins, auditors, global bindings)? A decision. */
    boolean maySeeAll(Caller caller, RequestKind kind);

    /** Which of {@code requests} the caller may see, in their order. (Not seen: the caller gets 404.) */
    List<Boolean> maySee(Caller caller, List<ProvisioningRequest> requests);

    default boolean maySee(Caller caller, ProvisioningRequest request) {
        return maySee(caller, List.of(request)).get(0);
    }

    /**
     * May the caller request a new environment or database for {@code team}? {@code tier} is the environment's
     * template (production needs an approver); null for a database, which lives in its environment's tier.
     */
    Decision mayRequest(Caller caller, RequestKind kind, String team, String tier);

    /** May the caller change this request (extend, retry, rotate credentials)? */
    Decision mayChange(Caller caller, ProvisioningRequest request);

    /** May the caller delete (deprovision) it? */
    Decision mayDelete(Caller caller, ProvisioningRequest request);

    /** May the caller approve or deny it? Never its requester. */
    Decision mayDecide(Caller caller, ProvisioningRequest request);
}
