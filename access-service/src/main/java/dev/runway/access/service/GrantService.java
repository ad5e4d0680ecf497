package dev.runway.access.service;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.runway.access.domain.AccessRequest;
import dev.runway.access.domain.RoleBinding;
import dev.runway.access.policy.Scopes;
import dev.runway.access.repository.AccessRequestRepository;
import dev.runway.access.repository.RoleBindingRepository;
import dev.runway.access.repository.TeamLeadRepository;
import dev.runway.common.audit.AuditEvent;
import dev.runway.common.error.NotPermittedException;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;

/** Live grants (role bindings created by approved access requests) and their early revocation. */
@ApplicationScoped
public class GrantService {
    private final RoleBindingRepository bindings;
    private final AccessRequestRepository requests;
    private final TeamLeadRepository leads;
    private final AccessAudit audit;
    private final Event<AccessNotification> notifications;
    private final Clock clock;

    public GrantService(RoleBindingRepository bindings, AccessRequestRepository requests, TeamLeadRepository leads,
            AccessAudit audit, Event<AccessNotification> notifications, Clock clock) {
        this.bindings = bindings;
        this.requests = requests;
        this.leads = leads;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RoleBinding> mine(Caller caller) {
        return bindings.liveGrantsOf(caller.username(), clock.instant());
    }

    /** Every live grant: for platform-admins and auditors only. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RoleBinding> all(Caller caller) {
        if (!caller.isPlatformAdmin() && !caller.has(Roles.AUDITOR)) {
            throw new NotPermittedException("Only platform-admins and auditors may list everybody's grants.");
        }
        return bindings.liveGrants(clock.instant());
    }

    /** The grantee may give a grant up; a lead of the scope's team or a platform-admin may take it away. */
    @Transactional(dontRollbackOn = NotPermittedException.class)
    public void revoke(Caller caller, UUID id) {
        RoleBinding grant = bindings.findById(id);
        boolean grantee = grant != null && grant.subject.equals("user:" + caller.username());
        boolean lead = grant != null && Scopes.team(grant.scope).map(t -> leads.isLead(t, caller.username())).orElse(false);
        if (grant == null || !grant.isGrant() || !(grantee || lead || caller.isPlatformAdmin() || caller.has(Roles.AUDITOR))) {
            throw new ResourceNotFoundException("No grant " + id + ".");
        }
        if (!(grantee || lead || caller.isPlatformAdmin())) {
            audit.record(caller, "grant.revoke", "role-binding:" + id, AuditEvent.DENY, "auditors may see but not revoke grants",
                    RoleBindingService.details(grant));
            throw new NotPermittedException("Only the grantee, a lead of the scope's team or a platform-admin may revoke a grant.");
        }
        AccessRequest request = requests.findById(grant.accessRequestId);
        request.status = AccessRequest.Status.REVOKED;
        bindings.delete(grant);
        audit.record(caller, "grant.revoke", "role-binding:" + id, AuditEvent.SUCCESS, null, RoleBindingService.details(grant));
        notifications.fire(new AccessNotification(caller.username() + " revoked " + grant.subject.substring(5) + "'s grant of "
                + grant.role + " on " + grant.scope + "."));
    }
}
