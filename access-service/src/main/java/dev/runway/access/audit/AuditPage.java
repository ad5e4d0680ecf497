package dev.runway.access.audit;

import java.util.List;

/** One page of records, newest first; {@code nextBeforeSeq} continues after the last one ({@code null}: last page). */
public record AuditPage(List<AuditRecordView> items, Long nextBeforeSeq) {
}
