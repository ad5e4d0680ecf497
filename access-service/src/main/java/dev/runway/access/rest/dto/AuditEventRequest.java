package dev.runway.access.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.runway.access.audit.AuditEntry;

/** An audit event reported by another Runway service (the shape of runway-common's {@code AuditEvent}). */
public record AuditEventRequest(
        @NotNull UUID eventId,
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 200) String actor,
        @Size(max = 100) List<@NotBlank String> actorTeams,
        @NotBlank @Size(max = 200) String action,
        @NotBlank @Size(max = 1000) String resource,
        @NotNull @Pattern(regexp = "success|failure|allow|deny", message = "must be one of success, failure, allow, deny") String outcome,
        @Size(max = 2000) String reason,
        @NotBlank @Size(max = 100) String sourceService,
        @Size(max = 200) String requestId,
        @Size(max = 100) String clientAddress,
        Map<String, Object> details) {

    public AuditEntry toEntry() {
        return new AuditEntry(eventId.toString(), occurredAt, actor, actorTeams, action, resource, outcome, reason,
                sourceService, requestId, clientAddress, details);
    }
}
