package dev.runway.provisioning.rest;

import dev.runway.common.testing.PlatformContractTests;
import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

@QuarkusTest
// Readiness includes the Kubernetes API: the mock server stands in for it.
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class ProvisioningPlatformContractTest extends PlatformContractTests {
    @Override
    protected String authenticatedPath() {
        return "/api/v1/ping";
    }

    @Override
    protected int minimumDocumentedOperations() {
        return 20;
    }

    @Override
    protected String developerWrite() {
        return "POST /api/v1/environments";
    }

    @Override
    protected int minimumPageSizeParameters() {
        // environments, databases and a request's events; templates are a small fixed set (RELIABILITY.md).
        return 3;
    }
}
