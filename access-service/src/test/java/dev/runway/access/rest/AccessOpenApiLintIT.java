package dev.runway.access.rest;

import dev.runway.common.testing.OpenApiLintTests;

/** access-service's OpenAPI document passes Spectral's recommended rules. */
class AccessOpenApiLintIT extends OpenApiLintTests {
}
