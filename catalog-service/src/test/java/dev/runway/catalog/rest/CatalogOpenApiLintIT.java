package dev.runway.catalog.rest;

import dev.runway.common.testing.OpenApiLintTests;

/** catalog-service's OpenAPI document passes Spectral's recommended rules. */
class CatalogOpenApiLintIT extends OpenApiLintTests {
}
