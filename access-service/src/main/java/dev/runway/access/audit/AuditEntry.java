package dev.runway.access.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One thing that happened, as a caller hands it to {@link AuditService#append(AuditEntry)}.
 *
 * @param eventId       the event's UUID (idempotency key); {@code null}: a new one is generated
 * @param occurredAt    when it happened; {@code null}: now
 * @param actor         user name or service account that did it
 * @param actorTeams    the actor's teams at that time ({@code null}: none)
 * @param action        what was done, e.g. {@code role-binding.create}, {@code decision}
 * @param resource      what it was done to, e.g. {@code team:payments}
 * @param outcome       {@code success}, {@code failure}, {@code allow} or {@code deny}
 * @param reason        why (free text, optional)
 * @param sourceService the service that reports it, e.g. {@code access-service}
 * @param requestId     correlation id of the request that caused it (optional)
 * @param clientAddress the caller's network address (optional)
 * @param details       extra JSON-able facts; keys that look like secrets are stripped before storage
 */
public record AuditEntry(String eventId, Instant occurredAt, String actor, List<String> actorTeams, String action,
        String resource, String outcome, String reason, String sourceService, String requestId, String clientAddress,
        Map<String, Object> details) {
}
