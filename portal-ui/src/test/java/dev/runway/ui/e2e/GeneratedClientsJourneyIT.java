package dev.runway.ui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.client.access.api.IdentityApi;
import dev.runway.client.access.api.TeamsApi;
import dev.runway.client.access.model.MeView;
import dev.runway.client.catalog.api.CatalogApi;
import dev.runway.client.catalog.model.Descriptor;
import dev.runway.client.catalog.model.EntityPage;
import dev.runway.client.catalog.model.EntityView;
import dev.runway.client.provisioning.api.EnvironmentsApi;
import dev.runway.client.provisioning.api.TemplatesApi;
import dev.runway.client.provisioning.model.RequestPage;
import dev.runway.client.provisioning.model.TemplateView;

/**
 * The Java clients the build generates from each service's OpenAPI document (openapi-generator, see portal-ui's
 * pom) call the running platform with a real SSO token, as a team that generates its own client would: typed
 * requests and answers, and errors surfaced with their status.
 */
class GeneratedClientsJourneyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String token;

    @BeforeAll
    static void platformAndToken() throws Exception {
        RunningPlatform.ensureUp();
        String form = "grant_type=password&client_id=runway-cli&scope=openid&username=alice&password="
                + URLEncoder.encode("runway-demo", StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                RunningPlatform.KEYCLOAK + "/realms/runway/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        token = JSON.readTree(response.body()).get("access_token").asText();
    }

    private static dev.runway.client.catalog.ApiClient catalog(String bearer) {
        var client = new dev.runway.client.catalog.ApiClient();
        client.updateBaseUri("http://localhost:8081");
        client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + bearer));
        return client;
    }

    @Test
    void theCatalogClientRegistersReadsListsAndDeletesAnEntity() throws Exception {
        CatalogApi api = new CatalogApi(catalog(token));
        String name = "generated-" + UUID.randomUUID().toString().substring(0, 8);
        Descriptor descriptor = new Descriptor().apiVersion("backstage.io/v1alpha1").kind("Component")
                .metadata(Map.of("name", name, "description", "Registered through a generated client"))
                .spec(Map.of("type", "service", "lifecycle", "experimental", "owner", "payments"));

        EntityView created = api.entityResourceCreate(descriptor);
        assertEquals("Component", created.getKind());
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) created.getMetadata();
        assertNotNull(metadata.get("uid"), "the server's fields come back typed as part of the entity");

        EntityView read = api.entityResourceGet("component", name, "default");
        assertEquals(created.getMetadata(), read.getMetadata());
        assertTrue(read.getRelations().stream().anyMatch(r -> "ownedBy".equals(r.getType())
                && "group:default/payments".equals(r.getTargetRef())), String.valueOf(read.getRelations()));

        EntityPage page = api.entityResourceList(null, null, "Component", null, "experimental", 500, null,
                null, name, null, null, null, null);
        assertTrue(page.getItems().stream().anyMatch(e -> name.equals(((Map<?, ?>) ((Map<?, ?>) e).get("metadata"))
                .get("name"))), "the list finds it by its name");

        api.entityResourceDelete("component", name, "default", null);
        var gone = assertThrows(dev.runway.client.catalog.ApiException.class,
                () -> api.entityResourceGet("component", name, "default"));
        assertEquals(404, gone.getCode());
        assertTrue(gone.getResponseBody().contains("\"status\":404"), "a problem+json body: " + gone.getResponseBody());
    }

    @Test
    void anInvalidTokenIsAnApiExceptionWith401() {
        var refused = assertThrows(dev.runway.client.catalog.ApiException.class,
                () -> new CatalogApi(catalog("not-a-token")).entityResourceGet("component", "anything", "default"));
        assertEquals(401, refused.getCode());
    }

    @Test
    void theProvisioningClientListsTemplatesAndEnvironments() throws Exception {
        var client = new dev.runway.client.provisioning.ApiClient();
        client.updateBaseUri("http://localhost:8082");
        client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        List<TemplateView> templates = new TemplatesApi(client).templateResourceList();
        assertFalse(templates.isEmpty());
        assertTrue(templates.stream().allMatch(t -> t.getId() != null && t.getKind() != null));
        RequestPage environments = new EnvironmentsApi(client).environmentResourceList(null, 5);
        assertNotNull(environments.getItems());
        assertTrue(environments.getItems().size() <= 5);
    }

    @Test
    void theAccessClientKnowsWhoIsCalling() throws Exception {
        var client = new dev.runway.client.access.ApiClient();
        client.updateBaseUri("http://localhost:8083");
        client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        MeView me = new IdentityApi(client).meResourceMe();
        assertEquals("alice", me.getUsername());
        assertTrue(me.getTeams().contains("payments"), String.valueOf(me.getTeams()));
        assertTrue(new TeamsApi(client).teamResourceList().stream().anyMatch(t -> "payments".equals(t.getName())));
    }
}
