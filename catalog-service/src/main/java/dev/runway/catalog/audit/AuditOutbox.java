package dev.runway.catalog.audit;

import java.time.OffsetDateTime;
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

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, String action, String resource, String outcome, String reason,
            Map<String, Object> details) {
        String detailsJson;
        try {
            detailsJson = json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details not serializable", e);
        }
        em.createNativeQuery("""
                INSERT INTO audit_outbox (event_id, occurred_at, actor, actor_teams, action, resource, outcome, reason,
                    source_service, request_id, client_address, details)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, CAST(?12 AS jsonb))
                """)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, OffsetDateTime.now())
                .setParameter(3, caller.username())
                .setParameter(4, caller.teams().stream().sorted().toArray(String[]::new))
                .setParameter(5, action)
                .setParameter(6, resource)
                .setParameter(7, outcome)
                .setParameter(8, reason)
                .setParameter(9, SOURCE)
                .setParameter(10, caller.requestId())
                .setParameter(11, caller.clientAddress())
                .setParameter(12, detailsJson)
                .executeUpdate();
    }
}
