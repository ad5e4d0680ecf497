package dev.runway.access.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the audit log. */
@ConfigMapping(prefix = "runway.access.audit")
public interface AuditConfig {
    /** Records recorded longer ago than this are pruned (behind a signed checkpoint). */
    @WithDefault("365d")
    Duration retention();

    /** HMAC-SHA256 key that signs retention checkpoints; from the environment in production. */
    String checkpointKey();

    /** Rows deleted per pruning transaction. */
    @WithDefault("10000")
    int pruneBatchSize();

    /** Largest page {@code GET /api/v1/audit} serves. */
    @WithDefault("500")
    int maxPageSize();
}
