package dev.runway.access.rest.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.access.audit.AuditRecordView;

/** One audit record as the API shows it, with its place in the hash chain. */
public record AuditRecordResponse(long seq, UUID eventId, Instant occurredAt, Instant recordedAt, String actor,
        List<String> actorTeams, String action, String resource, String outcome, String reason, String sourceService,
        String requestId, String clientAddress, JsonNode details, String previousHash, String hash) {

    public static AuditRecordResponse from(AuditRecordView r) {
        return new AuditRecordResponse(r.seq(), r.eventId(), r.occurredAt(), r.recordedAt(), r.actor(), r.actorTeams(),
                r.action(), r.resource(), r.outcome(), r.reason(), r.sourceService(), r.requestId(),
                r.clientAddress(), r.details(), r.previousHash(), r.hash());
    }
}
