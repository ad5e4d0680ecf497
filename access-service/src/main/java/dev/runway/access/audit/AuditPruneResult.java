package dev.runway.access.audit;

import java.time.Instant;

/**
 * What one pruning run did.
 *
 * @param prunedBefore records recorded before this instant were due
 * @param checkpointId the checkpoint now covering the pruned records ({@code null}: nothing was due and none exists)
 * @param lastPrunedSeq the highest seq the checkpoint covers (0: none)
 * @param removed      records deleted by this run
 */
public record AuditPruneResult(Instant prunedBefore, Long checkpointId, long lastPrunedSeq, long removed) {
}
