package dev.runway.catalog.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.catalog.policy.Caller;

/**
 * Writes audit events into {@code audit_outbox} inside the caller's transaction, so an event exists exactly when
 * the change it describes was committed. Delivery to access-service is the relay's job.
 */
@ApplicationScoped
public class AuditOutbox {
    public static final String SOURCE = "catalog-service";

    private final EntityManager em;
    private final ObjectMapper json;

    public AuditOutbox(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** One audited action on one resource. */
    public record Event(String action, String resource, String outcome, String reason, Map<String, Object> details) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, String action, String resource, String outcome, String reason,
            Map<String, Object> details) {
        recordAll(caller, List.of(new Event(action, resource, outcome, reason, details)));
    }

    /** Many events of one caller in one statement (an import audits every entity it writes). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(Caller caller, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] actions = new String[n];
        String[] resources = new String[n];
        String[] outcomes = new String[n];
        String[] reasons = new String[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            ids[i] = UUID.randomUUID();
            actions[i] = e.action();
            resources[i] = e.resource();
            outcomes[i] = e.outcome();
            reasons[i] = e.reason();
            try {
                details[i] = json.writeValueAsString(e.details());
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("audit details not serializable", ex);
            }
        }
        em.createNativeQuery("""
                INSERT INTO audit_outbox (event_id, occurred_at, actor, actor_teams, action, resource, outcome, reason,
                    source_service, request_id, client_address, details)
                SELECT id, ?1, ?2, ?3, a, r, o, re, ?4, ?5, ?6, CAST(d AS jsonb)
                FROM unnest(?7, ?8, ?9, ?10, ?11, ?12) AS x(id, a, r, o, re, d)
                """)
                .setParameter(1, OffsetDateTime.now())
                .setParameter(2, caller.username())
                .setParameter(3, caller.teams().stream().sorted().toArray(String[]::new))
                .setParameter(4, SOURCE)
                .setParameter(5, caller.requestId())
                .setParameter(6, caller.clientAddress())
                .setParameter(7, ids)
                .setParameter(8, actions)
                .setParameter(9, resources)
                .setParameter(10, outcomes)
                .setParameter(11, reasons)
                .setParameter(12, details)
                .executeUpdate();
    }
}
