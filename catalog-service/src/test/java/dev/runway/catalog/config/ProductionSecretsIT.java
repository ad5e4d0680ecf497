package dev.runway.catalog.config;

import java.util.Map;

import dev.runway.common.testing.ProductionSecretsTests;

/** The packaged catalog-service refuses a missing or public RUNWAY_OIDC_CLIENT_SECRET at start (runway-common's ProductionSecretsTests). */
class ProductionSecretsIT extends ProductionSecretsTests {

    @Override
    protected Map<String, String> requiredSecrets() {
        return Map.of("RUNWAY_OIDC_CLIENT_SECRET", "catalog-service-demo-secret");
    }
}
