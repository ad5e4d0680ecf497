package dev.runway.access.service;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.runway.access.audit.AuditEntry;
import dev.runway.access.audit.AuditService;
import dev.runway.common.audit.AuditEvent;
import dev.runway.common.security.Caller;

/**
 * Writes access-service's own decisions and state changes to the audit log, inside the caller's transaction.
 * Pending entity changes are flushed first: rows are then always locked before the (serialised) audit chain, one
 * lock order for every transaction, so two of them can never deadlock on it.
 */
@ApplicationScoped
public class AccessAudit {
    public static final String SOURCE = "access-service";

    private final AuditService audit;
    private final EntityManager entityManager;

    public AccessAudit(AuditService audit, EntityManager entityManager) {
        this.audit = audit;
        this.entityManager = entityManager;
    }

    public void record(Caller caller, String action, String resource, String outcome, String reason,
            Map<String, Object> details) {
        entityManager.flush();
        audit.append(entry(caller, action, resource, outcome, reason, details));
    }

    /** Many entries in one append: the audit chain's lock is taken once, at the end of the caller's work. */
    public void recordAll(List<AuditEntry> entries) {
        entityManager.flush();
        audit.appendAll(entries);
    }

    public static AuditEntry entry(Caller caller, String action, String resource, String outcome, String reason,
            Map<String, Object> details) {
        return new AuditEntry(null, null, caller.username(), caller.teams(), action, resource, outcome, reason, SOURCE,
                caller.requestId(), caller.clientAddress(), details);
    }

    /** For what access-service does on its own (expiry); appended with {@link #recordAll(List)}. */
    public static AuditEntry system(String action, String resource, String reason, Map<String, Object> details) {
        return new AuditEntry(null, null, SOURCE, List.of(), action, resource, AuditEvent.SUCCESS, reason, SOURCE, null, null,
                details);
    }
}
