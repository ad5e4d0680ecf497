package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Backstage's own npm client, {@code @backstage/catalog-client} at the version the test tools' lockfile pins, drives
 * {@code /api/catalog}; every answer is compared with what Runway's own API returns for the same entities. The
 * client runs in Node.js (src/test/node/catalog-client-journey.cjs), as a Backstage frontend or script would.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class BackstageCatalogClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/catalog")
    URL catalogApi;

    // One journey of the client for all tests of the class; run from the first test, since rest-assured knows the
    // service's port only once a test runs.
    private static String tag;
    private static String team;
    private static String alpha;
    private static String bravo;
    private static JsonNode client;

    @BeforeEach
    void sixEntitiesThenTheClientJourney() throws Exception {
        if (client != null) {
            return;
        }
        String suffix = unique("bc").substring(3);
        tag = "bcc-" + suffix;
        team = "team-" + suffix;
        alpha = "alpha-" + suffix;
        bravo = "bravo-" + suffix;
        String owned = """
                  tags: [%1$s]
                spec:
                  owner: group:default/%2$s
                """.formatted(tag, team);
        String docs = """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %2$s
                  tags: [%1$s]
                spec:
                  type: team
                  children: []
                ---
                apiVersion: backstage.io/v1alpha1
                kind: System
                metadata:
                  name: sys-%3$s
                """.formatted(tag, team, suffix) + owned + """
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %1$s
                """.formatted(alpha) + owned + """
                  type: service
                  lifecycle: production
                  system: sys-%1$s
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %2$s
                """.formatted(suffix, bravo) + owned + """
                  type: service
                  lifecycle: experimental
                  providesApis: [delta-%1$s]
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: charlie-%1$s
                """.formatted(suffix) + owned + """
                  type: website
                  lifecycle: production
                ---
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata:
                  name: delta-%1$s
                """.formatted(suffix) + owned + """
                  type: openapi
                  lifecycle: production
                  definition: "openapi: 3.0.0"
                """;
        yaml(DAVE, docs).post("/api/v1/entities/import").then().statusCode(200);
        client = runClient();
    }

    private JsonNode runClient() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("runway.root", "..")).toAbsolutePath().normalize();
        Path modules = root.resolve(".runway/e2e/node_modules");
        assertTrue(Files.isDirectory(modules.resolve("@backstage/catalog-client")),
                modules + "/@backstage/catalog-client is missing: bin/runway test installs it (npm ci)");
        String valid = as(ALICE).get("/api/v1/entities/component/default/" + alpha).then().statusCode(200)
                .extract().asString();
        ProcessBuilder node = new ProcessBuilder("node", Path.of("src/test/node/catalog-client-journey.cjs")
                .toAbsolutePath().toString(), catalogApi.toString(), ALICE, tag, "component:default/" + alpha,
                "component:default/" + bravo);
        node.environment().put("NODE_PATH", modules.toString());
        node.environment().put("OWNER_REF", "group:default/" + team);
        node.environment().put("VALID_ENTITY", descriptorOnly(valid));
        Path out = Files.createTempFile(Path.of("target"), "catalog-client", ".json");
        Path err = Path.of("target/catalog-client.stderr");
        Process p = node.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the catalog-client journey did not finish in 3 minutes");
        assertEquals(0, p.exitValue(), "the catalog-client journey failed:\n"
                + Files.readString(err, StandardCharsets.UTF_8));
        return JSON.readTree(out.toFile());
    }

    /** The entity as a person would write it: the server's fields and the relations left out. */
    private static String descriptorOnly(String entityJson) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(entityJson);
        ObjectNode metadata = (ObjectNode) node.get("metadata");
        metadata.remove(List.of("uid", "etag"));
        node.retain("apiVersion", "kind", "metadata", "spec");
        return JSON.writeValueAsString(node);
    }

    private List<JsonNode> runwayList(String query) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            String url = "/api/v1/entities?limit=500&" + query + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = readTree(as(ALICE).get(url).then().statusCode(200).extract().asString());
            page.get("items").forEach(items::add);
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    private static List<String> names(Iterable<JsonNode> entities) {
        List<String> names = new ArrayList<>();
        entities.forEach(e -> names.add(e.isTextual() ? e.asText() : e.path("metadata").path("name").asText()));
        return names;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void getEntitiesFiltersProjectsAndOrdersAsRunwaysList() {
        List<JsonNode> runway = runwayList("kind=Component&tag=" + tag + "&sort=name");
        JsonNode items = client.get("componentsByName");
        assertEquals(names(runway), names(items));
        assertEquals(3, items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            assertEquals(Set.of("kind", "metadata", "spec"), fieldNames(item), "fields keeps only what was asked");
            assertEquals(Set.of("name"), fieldNames(item.get("metadata")));
            assertEquals(runway.get(i).path("spec").path("lifecycle"), item.path("spec").path("lifecycle"));
            assertEquals("Component", item.path("kind").asText());
        }
    }

    @Test
    void filterSetsAreOredAndValuesMatchInAnyCase() {
        Set<String> expected = new HashSet<>(names(runwayList("kind=Component&lifecycle=production&tag=" + tag)));
        expected.addAll(names(runwayList("kind=API&tag=" + tag)));
        List<String> sortedDesc = new ArrayList<>(expected);
        sortedDesc.sort(Comparator.reverseOrder());
        assertEquals(3, sortedDesc.size());
        assertEquals(sortedDesc, names(client.get("productionOrApis")));
    }

    @Test
    void relationFiltersMatchRunwaysOwnerFilter() {
        List<String> runway = names(runwayList("owner=group:default/" + team + "&tag=" + tag + "&sort=name"));
        assertEquals(5, runway.size());
        assertEquals(runway, names(client.get("ownedByRelation")));
    }

    @Test
    void getEntityByRefIsRunwaysEntity() {
        JsonNode runway = readTree(as(ALICE).get("/api/v1/entities/component/default/" + alpha).then()
                .statusCode(200).extract().asString());
        JsonNode backstage = client.get("entityA");
        assertEquals(runway.get("apiVersion"), backstage.get("apiVersion"));
        assertEquals(runway.get("kind"), backstage.get("kind"));
        assertEquals(runway.get("metadata"), backstage.get("metadata"), "same metadata, uid and etag included");
        assertEquals(runway.get("spec"), backstage.get("spec"));
        assertEquals(relations(runway), relations(backstage));
        assertFalse(relations(backstage).isEmpty());
        assertTrue(client.get("missing").isNull(), "an unknown ref is undefined, not an error");
    }

    private static Map<String, Set<String>> relations(JsonNode entity) {
        Map<String, Set<String>> byType = new TreeMap<>();
        entity.path("relations").forEach(r -> byType.computeIfAbsent(r.get("type").asText(), t -> new HashSet<>())
                .add(r.get("targetRef").asText()));
        return byType;
    }

    @Test
    void getEntitiesByRefsAnswersInRequestOrderWithNullForUnknownRefs() {
        JsonNode items = client.get("byRefs");
        assertEquals(3, items.size());
        assertEquals(bravo, items.get(0).path("metadata").path("name").asText());
        assertEquals("default", items.get(0).path("metadata").path("namespace").asText());
        assertTrue(items.get(1).isNull());
        assertEquals(alpha, items.get(2).path("metadata").path("name").asText());
        assertEquals(Set.of("kind", "metadata"), fieldNames(items.get(2)));
    }

    @Test
    void queryEntitiesCursorsVisitEveryEntityOnceInOrder() {
        List<String> runway = names(runwayList("tag=" + tag + "&sort=name"));
        assertEquals(6, runway.size());
        List<String> visited = new ArrayList<>();
        client.get("pages").forEach(page -> {
            assertTrue(page.size() <= 2, "no page is larger than its limit");
            visited.addAll(names(page));
        });
        assertEquals(runway, visited);
        assertEquals(6, client.get("totalItems").asInt());
    }

    @Test
    void facetsCountAsRunwaysFacets() {
        JsonNode facets = client.get("facets");
        assertEquals(runwayFacet("kind"), backstageFacet(facets.get("kind")));
        assertEquals(runwayFacet("lifecycle"), backstageFacet(facets.get("spec.lifecycle")));
        assertEquals(Map.of("production", 3L, "experimental", 1L), backstageFacet(facets.get("spec.lifecycle")));
        assertEquals(Map.of("group", 1L, "system", 1L, "component", 3L, "api", 1L), backstageFacet(facets.get("kind")));
    }

    private Map<String, Long> runwayFacet(String field) {
        JsonNode counts = readTree(as(ALICE).get("/api/v1/entities/facets?field=" + field + "&tag=" + tag).then()
                .statusCode(200).extract().asString());
        Map<String, Long> byValue = new TreeMap<>();
        counts.get("values").forEach(v -> byValue.put(v.get("value").asText().toLowerCase(), v.get("count").asLong()));
        return byValue;
    }

    private static Map<String, Long> backstageFacet(JsonNode values) {
        Map<String, Long> byValue = new TreeMap<>();
        values.forEach(v -> byValue.put(v.get("value").asText().toLowerCase(), v.get("count").asLong()));
        return byValue;
    }

    @Test
    void validateEntityAgreesWithRunwaysValidate() {
        assertTrue(client.get("validEntity").get("valid").asBoolean());
        JsonNode invalid = client.get("invalidEntity");
        assertFalse(invalid.get("valid").asBoolean());
        assertTrue(invalid.get("errors").size() > 0, "Backstage's client shows the reasons");
        assertTrue(invalid.get("errors").get(0).path("message").asText().contains("name"),
                invalid.get("errors").toString());
        String runway = as(ALICE).contentType("application/json")
                .body("{\"apiVersion\":\"backstage.io/v1alpha1\",\"kind\":\"Component\",\"metadata\":{\"name\":"
                        + "\"Not A Valid Name!\"},\"spec\":{\"type\":\"service\",\"lifecycle\":\"production\","
                        + "\"owner\":\"group:default/" + team + "\"}}")
                .post("/api/v1/entities/validate").then().statusCode(200).extract().path("valid").toString();
        assertEquals("false", runway);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
