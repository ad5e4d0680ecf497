package dev.runway.provisioning.rest;

import dev.runway.common.testing.BadInputContractTests;
import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class ProvisioningBadInputTest extends BadInputContractTests {
    @Override
    protected String database() {
        return "runway_provisioning";
    }

    @Override
    protected int minimumCases() {
        return 400;
    }
}
