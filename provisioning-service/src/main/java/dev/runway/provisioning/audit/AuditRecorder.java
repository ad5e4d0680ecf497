package dev.runway.provisioning.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.common.audit.AuditEvent;
import dev.runway.common.audit.AuditOutbox;
import dev.runway.common.security.Caller;

/**
 * Writes audit events into runway-common's transactional outbox (table {@code audit_outbox}) in the caller's
 * transaction, so an event exists exactly when its change does; the shared relay delivers them to access-service.
 * Details must never carry credentials.
 */
@ApplicationScoped
public class AuditRecorder {
    static final String SOURCE = "provisioning-service";
    private final AuditOutbox outbox;

    public AuditRecorder(AuditOutbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller actor, String action, String resource, String outcome, String reason,
            Map<String, Object> details, Instant at) {
        outbox.record(new AuditEvent(UUID.randomUUID(), at, actor.username(), actor.teams().stream().sorted().toList(),
                action, resource, outcome, reason, SOURCE, actor.requestId(), actor.clientAddress(), details));
    }
}
