package dev.runway.provisioning.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** The real REST client against {@link CatalogStandIn}: token, create, conflict then replace, delete. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
@QuarkusTestResource(value = CatalogStandIn.class, restrictToAnnotatedClass = true)
class RestCatalogGatewayTest {
    @Inject
    RestCatalogGateway gateway;

    static Map<String, Object> resource(String name, String description) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", "default");
        metadata.put("description", description);
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("apiVersion", "backstage.io/v1alpha1");
        entity.put("kind", "Resource");
        entity.put("metadata", metadata);
        entity.put("spec", Map.of("type", "environment", "owner", "group:default/payments"));
        return entity;
    }

    static HttpResponse<String> stored(String name) throws Exception {
        // Read here, not injected: only this class's application has the stand-in, and test classes are beans of all.
        String standIn = ConfigProvider.getConfig().getValue("test.catalog-stand-in.url", String.class);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(standIn
                + "/api/v1/entities/resource/default/" + name)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void registersWithTheServiceTokenAndReplacesAnExistingEntity() throws Exception {
        String name = "payments-" + UUID.randomUUID().toString().substring(0, 8);
        gateway.register(resource(name, "first"));
        HttpResponse<String> first = stored(name);
        assertEquals(200, first.statusCode());
        assertEquals(List.of("\"1\""), first.headers().allValues("ETag"));
        assertTrue(first.body().contains("\"description\":\"first\""), first.body());

        // Registering again answers 409 from POST: the gateway replaces the entity with If-Match from a GET.
        gateway.register(resource(name, "second"));
        HttpResponse<String> second = stored(name);
        assertEquals(List.of("\"2\""), second.headers().allValues("ETag"));
        assertTrue(second.body().contains("\"description\":\"second\""), second.body());
    }

    @Test
    void removesAndToleratesAnEntityAlreadyGone() throws Exception {
        String name = "payments-" + UUID.randomUUID().toString().substring(0, 8);
        gateway.register(resource(name, "doomed"));
        gateway.remove(name);
        assertEquals(404, stored(name).statusCode());
        assertDoesNotThrow(() -> gateway.remove(name));
    }
}
