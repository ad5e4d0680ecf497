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
        return 5;
    }

    /** Backstage's API answers its errors as Backstage does (application/json), Runway's own as problem+json. */
    @Override
    protected boolean isErrorBody(String path, String contentType) {
        return path.startsWith("/api/catalog/") ? contentType.startsWith("application/json")
                : super.isErrorBody(path, contentType);
    }
}
