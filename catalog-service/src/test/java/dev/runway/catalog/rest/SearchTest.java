package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.ERIN;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Each test works on its own five entities, isolated from the rest of the shared database by a unique tag. */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class SearchTest {
    private String tag;
    private String word;

    @BeforeEach
    void fiveEntities() {
        tag = unique("t");
        word = unique("zebra").replace("-", "");
        StringBuilder docs = new StringBuilder();
        String[][] rows = { { "alpha", "service", "production", "payments", "tier: gold" },
                { "bravo", "service", "experimental", "payments", "tier: silver" },
                { "charlie", "website", "production", "search", "tier: gold" },
                { "delta", "library", "deprecated", "search", "tier: bronze" },
                { "echo", "service", "production", "search", "tier: gold" } };
        for (String[] r : rows) {
            docs.append("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: %s-%s
                      description: %s
                      tags: [%s]
                      labels: {%s}
                    spec: {type: %s, lifecycle: %s, owner: %s, system: shop}
                    ---
                    """.formatted(r[0], tag, r[0].equals("charlie") ? "Sells " + word + " stripes" : "Plain",
                    tag, r[4], r[1], r[2], r[3]));
        }
        yaml(DAVE, docs.toString()).post("/api/v1/entities/import").then().statusCode(200)
                .body("created", equalTo(5));
    }

    @Test
    void filtersCombine() {
        as(ERIN).queryParam("tag", tag).queryParam("type", "SERVICE").queryParam("lifecycle", "production")
                .get("/api/v1/entities").then().statusCode(200)
                .body("items.metadata.name", contains("alpha-" + tag, "echo-" + tag));
        as(ERIN).queryParam("tag", tag).queryParam("owner", "group:default/search").queryParam("kind", "component")
                .queryParam("label", "tier=gold").queryParam("system", "shop").queryParam("namespace", "default")
                .get("/api/v1/entities").then().statusCode(200)
                .body("items.metadata.name", contains("charlie-" + tag, "echo-" + tag));
    }

    @Test
    void fullTextSearchFindsDescriptionWords() {
        as(ERIN).queryParam("q", word).get("/api/v1/entities").then().statusCode(200)
                .body("items.metadata.name", contains("charlie-" + tag));
        as(ERIN).queryParam("q", tag).queryParam("type", "library").get("/api/v1/entities").then().statusCode(200)
                .body("items.metadata.name", contains("delta-" + tag));
    }

    @Test
    void keysetPagesCoverEverythingOnceInOrder() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(ERIN).queryParam("tag", tag).queryParam("limit", 2).queryParam("sort", "-name");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/entities").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.metadata.name"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(List.of("echo-" + tag, "delta-" + tag, "charlie-" + tag, "bravo-" + tag, "alpha-" + tag), seen);
    }

    @Test
    void updatedAtOrderPagesToo() {
        JsonPath first = as(ERIN).queryParam("tag", tag).queryParam("limit", 3).queryParam("sort", "updatedAt")
                .get("/api/v1/entities").then().statusCode(200).extract().jsonPath();
        JsonPath second = as(ERIN).queryParam("tag", tag).queryParam("limit", 3).queryParam("sort", "updatedAt")
                .queryParam("cursor", first.getString("nextCursor")).get("/api/v1/entities").then().statusCode(200)
                .extract().jsonPath();
        List<String> all = new ArrayList<>(first.getList("items.metadata.name"));
        all.addAll(second.getList("items.metadata.name"));
        assertEquals(5, all.stream().distinct().count());
        assertEquals(null, second.getString("nextCursor"));
    }

    @Test
    void fieldsProjectTheItems() {
        as(ERIN).queryParam("tag", tag).queryParam("fields", "spec.lifecycle,metadata.labels")
                .queryParam("limit", 1).get("/api/v1/entities").then().statusCode(200)
                .body("items[0].kind", equalTo("Component"))
                .body("items[0].metadata.name", equalTo("alpha-" + tag))
                .body("items[0].metadata.labels.tier", equalTo("gold"))
                .body("items[0].spec.lifecycle", equalTo("production"))
                .body("items[0].spec.type", nullValue())
                .body("items[0].metadata.description", nullValue());
    }

    @Test
    void facetsCountUnderTheFilters() {
        as(ERIN).queryParam("field", "lifecycle").queryParam("tag", tag).get("/api/v1/entities/facets").then()
                .statusCode(200).body("field", equalTo("lifecycle"))
                .body("values", contains(Map.of("value", "production", "count", 3),
                        Map.of("value", "deprecated", "count", 1), Map.of("value", "experimental", "count", 1)));
        as(ERIN).queryParam("field", "owner").queryParam("tag", tag).queryParam("type", "service")
                .get("/api/v1/entities/facets").then().statusCode(200)
                .body("values", contains(Map.of("value", "group:default/payments", "count", 2),
                        Map.of("value", "group:default/search", "count", 1)));
        as(ERIN).queryParam("field", "tag").queryParam("tag", tag).get("/api/v1/entities/facets").then()
                .statusCode(200).body("values", contains(Map.of("value", tag, "count", 5)));
    }

    @Test
    void badQueryParametersAre400() {
        as(ERIN).queryParam("limit", 501).get("/api/v1/entities").then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
        as(ERIN).queryParam("limit", 0).get("/api/v1/entities").then().statusCode(400);
        as(ERIN).queryParam("cursor", "garbage!").get("/api/v1/entities").then().statusCode(400)
                .body("violations[0].field", equalTo("cursor"));
        as(ERIN).queryParam("sort", "color").get("/api/v1/entities").then().statusCode(400)
                .body("violations[0].field", equalTo("sort"));
        as(ERIN).queryParam("kind", "Widget").get("/api/v1/entities").then().statusCode(400)
                .body("violations[0].field", equalTo("kind"));
        as(ERIN).queryParam("label", "novalue").get("/api/v1/entities").then().statusCode(400)
                .body("violations[0].field", equalTo("label"));
        as(ERIN).queryParam("field", "color").get("/api/v1/entities/facets").then().statusCode(400)
                .body("violations[0].field", equalTo("field"));
        as(ERIN).get("/api/v1/entities/facets").then().statusCode(400);
    }

    @Test
    void defaultPageIsCapped() {
        as(ERIN).get("/api/v1/entities").then().statusCode(200).body("limit", equalTo(50))
                .body("items", hasSize(org.hamcrest.Matchers.lessThanOrEqualTo(50)));
    }
}
