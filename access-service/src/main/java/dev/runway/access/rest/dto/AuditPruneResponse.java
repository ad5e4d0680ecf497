package dev.runway.access.rest.dto;

import java.time.Instant;

import dev.runway.access.audit.AuditPruneResult;

/** What a pruning run did; see {@link AuditPruneResult}. */
public record AuditPruneResponse(Instant prunedBefore, Long checkpointId, long lastPrunedSeq, long removed) {
    public static AuditPruneResponse from(AuditPruneResult r) {
        return new AuditPruneResponse(r.prunedBefore(), r.checkpointId(), r.lastPrunedSeq(), r.removed());
    }
}
