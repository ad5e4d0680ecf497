package dev.runway.catalog.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.common.audit.AuditEvent;
import dev.runway.common.security.Caller;

/**
 * Catalog's audit trail: every write and every denied write becomes an {@link AuditEvent} in runway-common's
 * transactional outbox (table {@code audit_outbox}), inside the transaction of the change, so an event exists
 * exactly when the change was committed; the shared relay delivers it to access-service.
 */
@ApplicationScoped
public class AuditOutbox {
    public static final String SOURCE = "catalog-service";
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String DENY = "deny";

    private final dev.runway.common.audit.AuditOutbox outbox;

    public AuditOutbox(dev.runway.common.audit.AuditOutbox outbox) {
        this.outbox = outbox;
    }

    /** One audited action on one resource. */
    public record Event(String action, String resource, String outcome, String reason, Map<String, Object> details) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, String action, String resource, String outcome, String reason,
            Map<String, Object> details) {
        recordAll(caller, List.of(new Event(action, resource, outcome, reason, details)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(Caller caller, List<Event> events) {
        Instant now = Instant.now();
        List<String> teams = caller.teams().stream().sorted().toList();
        outbox.recordAll(events.stream().map(e -> new AuditEvent(UUID.randomUUID(), now, caller.username(), teams,
                e.action(), e.resource(), e.outcome(), e.reason(), SOURCE, caller.requestId(), caller.clientAddress(),
                e.details())).toList());
    }
}
