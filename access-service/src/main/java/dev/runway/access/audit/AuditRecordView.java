package dev.runway.access.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** One stored audit record with its place in the hash chain. */
public record AuditRecordView(long seq, UUID eventId, Instant occurredAt, Instant recordedAt, String actor,
        List<String> actorTeams, String action, String resource, String outcome, String reason, String sourceService,
        String requestId, String clientAddress, JsonNode details, String previousHash, String hash) {
}
