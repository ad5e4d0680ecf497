package dev.runway.access.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.runway.access.audit.AuditEntry;
import dev.runway.access.domain.AccessRequest;
import dev.runway.access.domain.RoleBinding;
import dev.runway.access.repository.AccessRequestRepository;
import dev.runway.access.repository.RoleBindingRepository;

/**
 * Removes what has expired: grants and bindings past their expiry, and pending requests nobody decided in time.
 * Decisions already ignore expired bindings; this keeps the data and the audit log telling the same story.
 * Rows are locked with SKIP LOCKED, so replicas running it at the same time never process one twice.
 */
@ApplicationScoped
public class ExpiryService {
    private static final int BATCH = 500;

    private final RoleBindingRepository bindings;
    private final AccessRequestRepository requests;
    private final AccessAudit audit;
    private final Event<AccessNotification> notifications;

    public ExpiryService(RoleBindingRepository bindings, AccessRequestRepository requests, AccessAudit audit,
            Event<AccessNotification> notifications) {
        this.bindings = bindings;
        this.requests = requests;
        this.audit = audit;
        this.notifications = notifications;
    }

    public record Expired(int bindings, int requests) {
    }

    @Transactional
    public Expired expireDue(Instant now) {
        List<AuditEntry> entries = new ArrayList<>();
        List<RoleBinding> expiredBindings = bindings.lockExpired(now, BATCH);
        for (RoleBinding binding : expiredBindings) {
            bindings.delete(binding);
            if (binding.isGrant()) {
                AccessRequest request = requests.lock(binding.accessRequestId);
                request.status = AccessRequest.Status.ENDED;
                entries.add(AccessAudit.system("grant.expire", "role-binding:" + binding.id, "expired at " + binding.expiresAt,
                        RoleBindingService.details(binding)));
                notifications.fire(new AccessNotification(binding.subject.substring(5) + "'s grant of " + binding.role
                        + " on " + binding.scope + " expired."));
            } else {
                entries.add(AccessAudit.system("role-binding.expire", "role-binding:" + binding.id, "expired at " + binding.expiresAt,
                        RoleBindingService.details(binding)));
            }
        }
        List<AccessRequest> lapsed = requests.lockLapsed(now, BATCH);
        for (AccessRequest request : lapsed) {
            request.status = AccessRequest.Status.EXPIRED;
            entries.add(AccessAudit.system("access-request.expire", AccessRequestService.resource(request),
                    "no decision before " + request.expiresAt, AccessRequestService.details(request)));
            notifications.fire(new AccessNotification(request.requester + "'s request for " + request.role + " on "
                    + request.scope + " expired without a decision."));
        }
        audit.recordAll(entries);
        return new Expired(expiredBindings.size(), lapsed.size());
    }
}
