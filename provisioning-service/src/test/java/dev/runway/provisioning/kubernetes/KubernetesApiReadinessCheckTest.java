package dev.runway.provisioning.kubernetes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class KubernetesApiReadinessCheckTest {
    @Inject
    KubernetesClient client;

    @Test
    void readyWhileTheApiServerAnswers() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'kubernetes-api' }.status", equalTo("UP"))
                // Anyone may read the health endpoints: the API server's URL and version are not theirs to know.
                .body("checks.find { it.name == 'kubernetes-api' }.data", nullValue())
                .body(not(containsString(client.getMasterUrl().getAuthority())));
    }

    @Test
    void notReadyWhenTheApiServerCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + closedPort).withRequestRetryBackoffLimit(0).build()).build()) {
            HealthCheckResponse response = new KubernetesApiReadinessCheck(unreachable).call();
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertEquals(KubernetesApiReadinessCheck.NAME, response.getName());
            assertTrue(response.getData().isEmpty(), "no URL nor error class for unauthenticated callers");
        }
    }
}
