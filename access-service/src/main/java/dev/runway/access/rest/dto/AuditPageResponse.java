package dev.runway.access.rest.dto;

import java.util.List;

/** A page of audit records, newest first; pass {@code nextCursor} as {@code cursor} for the next page. */
public record AuditPageResponse(List<AuditRecordResponse> items, String nextCursor) {
}
