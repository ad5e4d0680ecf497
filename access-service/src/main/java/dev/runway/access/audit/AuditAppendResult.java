package dev.runway.access.audit;

/**
 * The outcome of appending one entry.
 *
 * @param record  the stored record
 * @param created {@code false} when a record with the same event id was already stored (idempotent re-send)
 */
public record AuditAppendResult(AuditRecordView record, boolean created) {
}
