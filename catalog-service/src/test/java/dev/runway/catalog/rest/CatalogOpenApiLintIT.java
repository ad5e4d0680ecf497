package dev.runway.catalog.rest;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.OpenApiLint;

/** catalog-service's OpenAPI document, as its build wrote it, passes Spectral's recommended rules. */
class CatalogOpenApiLintIT {

    @Test
    void theOpenApiDocumentPassesSpectralsRecommendedRules() throws Exception {
        OpenApiLint.assertPassesRecommendedRules();
    }
}
