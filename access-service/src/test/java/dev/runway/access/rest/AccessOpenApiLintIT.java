package dev.runway.access.rest;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.OpenApiLint;

/** access-service's OpenAPI document, as its build wrote it, passes Spectral's recommended rules. */
class AccessOpenApiLintIT {

    @Test
    void theOpenApiDocumentPassesSpectralsRecommendedRules() throws Exception {
        OpenApiLint.assertPassesRecommendedRules();
    }
}
