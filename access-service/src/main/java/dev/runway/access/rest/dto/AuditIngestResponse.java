package dev.runway.access.rest.dto;

import java.util.List;
import java.util.UUID;

/** Where each ingested event is stored; {@code created = false}: it had been stored before (a re-send). */
public record AuditIngestResponse(List<Item> events) {
    public record Item(UUID eventId, long seq, boolean created) {
    }
}
