package dev.runway.access.rest.dto;

import dev.runway.access.audit.AuditVerification;

/** The result of {@code GET /api/v1/audit/verify}; see {@link AuditVerification}. */
public record AuditVerificationResponse(boolean ok, Long checkpointId, long fromSeq, long checkedRecords,
        long lastSeq, String headHash, Long brokenAtSeq, String problem) {

    public static AuditVerificationResponse from(AuditVerification v) {
        return new AuditVerificationResponse(v.ok(), v.checkpointId(), v.fromSeq(), v.checkedRecords(), v.lastSeq(),
                v.headHash(), v.brokenAtSeq(), v.problem());
    }
}
