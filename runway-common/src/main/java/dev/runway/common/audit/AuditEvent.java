package dev.runway.common.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An audit event as Runway services report it to access-service ({@code POST /api/v1/audit/events}, one object or
 * an array). access-service stores each {@code eventId} once, so a relay may safely send an event again.
 *
 * @param eventId       unique id, the idempotency key
 * @param occurredAt    when it happened
 * @param actor         user name or service account that did it
 * @param actorTeams    the actor's teams at that time
 * @param action        what was done, e.g. {@code entity.update}
 * @param resource      what it was done to, e.g. {@code component:default/payments-api}
 * @param outcome       one of {@link #OUTCOMES}
 * @param reason        why (optional)
 * @param sourceService the reporting service; must be the client id the event is sent with
 * @param requestId     correlation id of the causing request (optional)
 * @param clientAddress the caller's network address (optional)
 * @param details       extra facts, never secrets (access-service strips keys that look like secrets anyway)
 */
public record AuditEvent(UUID eventId, Instant occurredAt, String actor, List<String> actorTeams, String action,
        String resource, String outcome, String reason, String sourceService, String requestId, String clientAddress,
        Map<String, Object> details) {

    /** The outcomes access-service accepts: a change that happened or failed, a decision that allowed or denied. */
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String ALLOW = "allow";
    public static final String DENY = "deny";
    public static final List<String> OUTCOMES = List.of(SUCCESS, FAILURE, ALLOW, DENY);
}
