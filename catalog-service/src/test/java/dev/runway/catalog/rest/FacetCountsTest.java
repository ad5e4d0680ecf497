package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.ERIN;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.query;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.catalog.repository.EntityFilter;
import dev.runway.catalog.repository.EntitySearchRepository;
import dev.runway.catalog.repository.FacetCompaction;
import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The maintained facet counts (V5__facet_counts.sql) must always equal counting the rows: after creates, changes of
 * every facet column, deletes, re-registrations and imports, both before and after the deltas are compacted.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class FacetCountsTest {
    private static final List<String> FIELDS = List.of("kind", "type", "lifecycle", "owner", "namespace", "system",
            "tag");
    private static final List<String> KINDS = Arrays.asList(null, "component", "api", "resource", "system", "group",
            "user");

    @Inject
    EntitySearchRepository search;

    @Inject
    FacetCompaction compaction;

    @Test
    void maintainedCountsEqualCountingTheRowsThroughEveryKindOfWrite() {
        Random random = new Random(7);
        String run = unique("f");
        String[] types = { "service", "website", "library" };
        String[] lifecycles = { "production", "experimental", "deprecated" };
        String[] owners = { "payments", "search", "group:default/platform" };
        List<String> live = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            int op = live.isEmpty() ? 0 : random.nextInt(5);
            String type = types[random.nextInt(types.length)];
            String lifecycle = lifecycles[random.nextInt(lifecycles.length)];
            String owner = owners[random.nextInt(owners.length)];
            String tags = "[" + run + ", t" + random.nextInt(3) + (random.nextBoolean() ? ", shared-" + run : "") + "]";
            switch (op) {
                case 0 -> { // create, or re-register a deleted one
                    String name = !deleted.isEmpty() && random.nextBoolean() ? deleted.remove(0) : run + "-" + step;
                    yaml(DAVE, component(name, type, lifecycle, owner, tags, "shop-" + run))
                            .post("/api/v1/entities").then().statusCode(201);
                    live.add(name);
                }
                case 1, 2 -> { // change facet columns (or nothing but the description)
                    String name = live.get(random.nextInt(live.size()));
                    Response current = as(ERIN).get("/api/v1/entities/component/default/" + name);
                    yaml(DAVE, component(name, type, lifecycle, owner, tags, random.nextBoolean() ? null : "shop-" + run))
                            .header("If-Match", current.header("ETag"))
                            .put("/api/v1/entities/component/default/" + name).then().statusCode(200);
                }
                case 3 -> {
                    String name = live.remove(random.nextInt(live.size()));
                    as(DAVE).delete("/api/v1/entities/component/default/" + name).then().statusCode(204);
                    deleted.add(name);
                }
                default -> { // an import mixing new entities, updates and unchanged ones
                    StringBuilder docs = new StringBuilder();
                    for (int i = 0; i < 3; i++) {
                        String name = run + "-i" + step + "-" + i;
                        docs.append(component(name, type, lifecycle, owner, tags, "shop-" + run)).append("---\n");
                        live.add(name);
                    }
                    String existing = live.get(random.nextInt(live.size() - 3));
                    docs.append(component(existing, type, "production", owner, tags, null));
                    yaml(DAVE, docs.toString()).post("/api/v1/entities/import").then().statusCode(200);
                }
            }
            if (step % 20 == 19) {
                assertEveryFacetMatchesCountingTheRows("after step " + step);
                compaction.compact();
                assertEveryFacetMatchesCountingTheRows("after step " + step + " and compaction");
            }
        }
        as(ERIN).queryParam("field", "tag").queryParam("kind", "component").get("/api/v1/entities/facets").then()
                .statusCode(200);
    }

    @Test
    void aCompactionFoldsEveryPendingDeltaIntoTheCounts() {
        String run = unique("c");
        yaml(DAVE, component(run + "-a", "service", "production", "payments", "[" + run + "]", null))
                .post("/api/v1/entities").then().statusCode(201);
        assertTrue(Integer.parseInt(query("SELECT count(*) FROM entity_facet_delta WHERE value = '" + run + "'")
                .get(0).get(0)) > 0, "a write appends its delta");
        compaction.compact();
        assertEquals("0", query("SELECT count(*) FROM entity_facet_delta WHERE value = '" + run + "'").get(0).get(0));
        assertEquals(List.of(List.of("component", "1")),
                query("SELECT kind, count FROM entity_facet_count WHERE field = 'tag' AND value = '" + run + "'"));
        as(DAVE).delete("/api/v1/entities/component/default/" + run + "-a").then().statusCode(204);
        compaction.compact();
        assertEquals(List.of(), query("SELECT kind FROM entity_facet_count WHERE field = 'tag' AND value = '" + run
                + "'"), "a count that reaches zero is removed");
    }

    private void assertEveryFacetMatchesCountingTheRows(String when) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String field : FIELDS) {
                for (String kind : KINDS) {
                    EntityFilter filter = new EntityFilter(kind, null, null, null, null, null, null, null, null, null);
                    assertEquals(search.scannedFacet(field, filter, 10_000), search.facet(field, filter, 10_000),
                            field + " facet of kind " + kind + " " + when);
                }
            }
            for (String kind : KINDS) {
                for (EntityFilter filter : List.of(
                        new EntityFilter(kind, null, null, null, null, null, null, null, null, null),
                        new EntityFilter(kind, null, "group:default/payments", null, null, null, null, null, null, null),
                        new EntityFilter(kind, "service", null, null, null, null, null, null, null, null),
                        new EntityFilter(kind, null, null, "production", null, null, null, null, null, null),
                        new EntityFilter(kind, null, null, null, "default", null, null, null, null, null),
                        new EntityFilter(kind, null, null, null, null, List.of("t1"), null, null, null, null))) {
                    long counted = search.scannedFacet("kind", filter, 10_000).stream()
                            .mapToLong(EntitySearchRepository.Facet::count).sum();
                    assertEquals(Long.valueOf(counted), search.maintainedCount(filter),
                            "entities of kind " + kind + " under " + filter + " " + when);
                }
            }
            assertNull(search.maintainedCount(new EntityFilter("component", "service", "group:default/payments", null,
                    null, null, null, null, null, null)), "two values besides the kind are counted, not looked up");
        });
    }

    private static String component(String name, String type, String lifecycle, String owner, String tags,
            String system) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: %s
                  tags: %s
                spec:
                  type: %s
                  lifecycle: %s
                  owner: %s
                %s
                """.formatted(name, "Facet test " + System.nanoTime(), tags, type, lifecycle, owner,
                system == null ? "" : "  system: " + system);
    }
}
