package dev.runway.access.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.common.audit.AuditEvent;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;

/**
 * Appends to the hash-chained audit log. Appends join the caller's transaction, so a change (or a decision) and
 * its audit record commit or roll back together. They are serialized by a transaction-scoped advisory lock held
 * until that transaction ends: append last in a transaction, and use {@link #appendAll(List)} for many events.
 */
@ApplicationScoped
public class AuditService {
    public static final Set<String> OUTCOMES = Set.copyOf(AuditEvent.OUTCOMES);

    private final AuditRepository repository;

    public AuditService(AuditRepository repository) {
        this.repository = repository;
    }

    /** Appends one entry; an entry whose event id is already stored is not stored again. */
    @Transactional
    public AuditRecordView append(AuditEntry entry) {
        return appendAll(List.of(entry)).get(0).record();
    }

    /** Appends entries in order, in one batch; results are in the order of {@code entries}. */
    @Transactional
    public List<AuditAppendResult> appendAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Prepared> prepared = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            prepared.add(prepare(entries.get(i), entries.size() == 1 ? "$" : "$[" + i + "]"));
        }
        try (Connection c = repository.connection()) {
            AuditRepository.ChainHead head = repository.lockAndReadHead(c);
            // Only ids the sender chose can be stored already; fresh random ones need no lookup.
            List<UUID> given = prepared.stream().filter(p -> p.e().eventId() != null).map(Prepared::eventId)
                    .distinct().toList();
            Map<UUID, AuditRecordView> existing = given.isEmpty() ? Map.of() : repository.findByEventIds(c, given);
            long seq = head.seq();
            String previous = head.hash();
            Instant recordedAt = AuditHashing.toStoredPrecision(Instant.now());
            Map<UUID, AuditRecordView> stored = new LinkedHashMap<>();
            List<AuditAppendResult> results = new ArrayList<>(prepared.size());
            for (Prepared p : prepared) {
                AuditRecordView already = existing.containsKey(p.eventId()) ? existing.get(p.eventId())
                        : stored.get(p.eventId());
                if (already != null) {
                    results.add(new AuditAppendResult(already, false));
                    continue;
                }
                seq++;
                AuditRecordView unsealed = p.toRecord(seq, recordedAt, previous, null);
                String hash = AuditHashing.hash(previous, AuditHashing.canonical(seq, unsealed));
                AuditRecordView record = p.toRecord(seq, recordedAt, previous, hash);
                stored.put(p.eventId(), record);
                results.add(new AuditAppendResult(record, true));
                previous = hash;
            }
            if (!stored.isEmpty()) {
                repository.insert(c, List.copyOf(stored.values()));
            }
            return results;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append to the audit log", e);
        }
    }

    private static Prepared prepare(AuditEntry e, String path) {
        List<Problem.Violation> violations = new ArrayList<>();
        UUID eventId = null;
        if (e.eventId() == null) {
            eventId = UUID.randomUUID();
        } else {
            try {
                eventId = UUID.fromString(e.eventId());
            } catch (IllegalArgumentException notUuid) {
                violations.add(new Problem.Violation(path + ".eventId", "must be a UUID"));
            }
        }
        required(violations, path + ".actor", e.actor());
        required(violations, path + ".action", e.action());
        required(violations, path + ".resource", e.resource());
        required(violations, path + ".sourceService", e.sourceService());
        if (e.outcome() == null || !OUTCOMES.contains(e.outcome())) {
            violations.add(new Problem.Violation(path + ".outcome", "must be one of success, failure, allow, deny"));
        }
        List<String> teams = e.actorTeams() == null ? List.of() : List.copyOf(e.actorTeams());
        if (teams.stream().anyMatch(t -> t == null || t.isBlank())) {
            violations.add(new Problem.Violation(path + ".actorTeams", "must not contain blank team names"));
        }
        JsonNode details = null;
        try {
            details = AuditDetailsSanitizer.sanitize(AuditHashing.toTree(e.details()));
        } catch (IllegalArgumentException notJson) {
            violations.add(new Problem.Violation(path + ".details", "must be a JSON object"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the audit event is incomplete or malformed", violations);
        }
        Instant occurredAt = AuditHashing.toStoredPrecision(e.occurredAt() == null ? Instant.now() : e.occurredAt());
        return new Prepared(eventId, occurredAt, e, teams, details);
    }

    private static void required(List<Problem.Violation> violations, String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(new Problem.Violation(field, "must not be blank"));
        }
    }

    private record Prepared(UUID eventId, Instant occurredAt, AuditEntry e, List<String> teams, JsonNode details) {
        AuditRecordView toRecord(long seq, Instant recordedAt, String previousHash, String hash) {
            return new AuditRecordView(seq, eventId, occurredAt, recordedAt, e.actor(), teams, e.action(),
                    e.resource(), e.outcome(), e.reason(), e.sourceService(), e.requestId(), e.clientAddress(),
                    details, previousHash, hash);
        }
    }
}
