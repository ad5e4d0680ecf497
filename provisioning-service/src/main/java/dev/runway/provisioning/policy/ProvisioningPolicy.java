package dev.runway.provisioning.policy;

/**
 * Resource-level decisions of provisioning-service, in one place so that they can be delegated to
 * access-service without touching the callers.
 */
public interface ProvisioningPolicy {

    /** May the caller see the requests of every team (platform-admins, auditors)? */
    boolean maySeeAll(Caller caller);

    /** May the caller see requests of this team? (No: the caller gets 404.) */
    boolean maySee(Caller caller, String team);

    /** May the caller request, change or delete resources of this team? (No: 403.) */
    boolean mayManage(Caller caller, String team);

    /** May the caller approve or deny a request of this team made by {@code requester}? */
    boolean mayDecide(Caller caller, String team, String requester);
}
