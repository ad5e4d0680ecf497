package dev.runway.catalog.rest;

import dev.runway.common.testing.PlatformContractTests;
import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class CatalogPlatformContractTest extends PlatformContractTests {
    @Override
    protected String authenticatedPath() {
        return "/api/v1/ping";
    }

    @Override
    protected int minimumDocumentedOperations() {
        return 22;
    }

    @Override
    protected String developerWrite() {
        return "POST /api/v1/entities";
    }

    @Override
    protected int minimumPageSizeParameters() {
        return 3;
    }
}
