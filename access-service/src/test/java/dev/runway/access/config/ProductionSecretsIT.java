package dev.runway.access.config;

import java.util.Map;

import dev.runway.common.testing.ProductionSecretsTests;

/** The packaged access-service refuses a missing or public RUNWAY_AUDIT_CHECKPOINT_KEY at start (runway-common's ProductionSecretsTests). */
class ProductionSecretsIT extends ProductionSecretsTests {

    @Override
    protected Map<String, String> requiredSecrets() {
        return Map.of("RUNWAY_AUDIT_CHECKPOINT_KEY", "runway-demo-audit-checkpoint-key");
    }
}
