package dev.runway.provisioning.rest;

import dev.runway.common.testing.OpenApiLintTests;

/** provisioning-service's OpenAPI document passes Spectral's recommended rules. */
class ProvisioningOpenApiLintIT extends OpenApiLintTests {
}
