package dev.runway.provisioning.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.provisioning.domain.AuditOutboxEvent;
import dev.runway.provisioning.policy.Caller;
import dev.runway.provisioning.repository.AuditOutboxRepository;

/**
 * Writes audit events to the outbox in the caller's transaction, so an event exists exactly when its change
 * does. Details must never carry credentials.
 */
@ApplicationScoped
public class AuditRecorder {
    static final String SOURCE = "provisioning-service";
    private final AuditOutboxRepository outbox;

    public AuditRecorder(AuditOutboxRepository outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller actor, String action, String resource, String outcome, String reason,
            Map<String, Object> details, Instant at) {
        AuditOutboxEvent e = new AuditOutboxEvent();
        e.eventId = UUID.randomUUID();
        e.occurredAt = at;
        e.actor = actor.name();
        e.actorTeams = actor.teams().stream().sorted().toArray(String[]::new);
        e.action = action;
        e.resource = resource;
        e.outcome = outcome;
        e.reason = reason;
        e.sourceService = SOURCE;
        e.requestId = actor.requestId();
        e.clientAddress = actor.clientAddress();
        e.details = details;
        outbox.persist(e);
    }
}
