package dev.runway.ui.config;

import java.util.Map;

import dev.runway.common.testing.ProductionSecretsTests;

/** The packaged portal-ui refuses a missing or public RUNWAY_OIDC_CLIENT_SECRET at start (runway-common's ProductionSecretsTests). */
class ProductionSecretsIT extends ProductionSecretsTests {

    @Override
    protected Map<String, String> requiredSecrets() {
        return Map.of("RUNWAY_OIDC_CLIENT_SECRET", "portal-ui-demo-secret");
    }

    @Override
    protected boolean hasDatabase() {
        return false;
    }
}
