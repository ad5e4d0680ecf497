package dev.runway.provisioning.rest;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.OpenApiLint;

/** provisioning-service's OpenAPI document, as its build wrote it, passes Spectral's recommended rules. */
class ProvisioningOpenApiLintIT {

    @Test
    void theOpenApiDocumentPassesSpectralsRecommendedRules() throws Exception {
        OpenApiLint.assertPassesRecommendedRules();
    }
}
