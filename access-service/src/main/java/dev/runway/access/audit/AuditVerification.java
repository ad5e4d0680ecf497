package dev.runway.access.audit;

/**
 * The result of recomputing the hash chain.
 *
 * @param ok             whether every link holds
 * @param checkpointId   the checkpoint verification started from ({@code null}: the first record ever)
 * @param fromSeq        the first seq checked
 * @param checkedRecords how many records were recomputed
 * @param lastSeq        the last seq that verified
 * @param headHash       the hash of the last verified record
 * @param brokenAtSeq    where the first broken link is ({@code null} when ok)
 * @param problem        what is wrong there ({@code null} when ok)
 */
public record AuditVerification(boolean ok, Long checkpointId, long fromSeq, long checkedRecords, long lastSeq,
        String headHash, Long brokenAtSeq, String problem) {
}
