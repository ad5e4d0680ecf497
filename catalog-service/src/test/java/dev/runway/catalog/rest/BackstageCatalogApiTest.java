package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.ERIN;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Backstage's catalog API under /api/catalog over Runway's data: each test works on its own five Components, kept
 * apart from the rest of the shared database by a unique tag (every filter below includes it).
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class BackstageCatalogApiTest {
    private static final String API = "/api/catalog";
    private String tag;

    @BeforeEach
    void fiveEntities() {
        tag = unique("bs");
        StringBuilder docs = new StringBuilder();
        String[][] rows = { { "alpha", "service", "production", "payments", "gold", "runway.dev/on-call: Alice" },
                { "bravo", "service", "experimental", "payments", "Silver", "" },
                { "charlie", "website", "production", "search", "gold", "" },
                { "delta", "library", "deprecated", "search", "bronze", "" },
                { "echo", "service", "production", "search", "gold", "" } };
        for (String[] r : rows) {
            docs.append("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: %s-%s
                      title: %s title
                      tags: [%s, %s]
                      labels: {tier: %s}
                      annotations: {%s}
                    spec: {type: %s, lifecycle: %s, owner: %s%s}
                    ---
                    """.formatted(r[0], tag, r[0].toUpperCase(), tag, r[0], r[4], r[5], r[1], r[2], r[3],
                    r[0].equals("charlie") ? ", dependsOn: [component:alpha-" + tag + "]" : ""));
        }
        yaml(DAVE, docs.toString()).post("/api/v1/entities/import").then().statusCode(200)
                .body("created", equalTo(5));
    }

    private String n(String name) {
        return name + "-" + tag;
    }

    private List<String> names(String... filters) {
        var request = as(ERIN).queryParam("limit", 100).queryParam("orderField", "metadata.name,asc");
        for (String f : filters) {
            request.queryParam("filter", f);
        }
        return request.get(API + "/entities/by-query").then().statusCode(200).extract().jsonPath()
                .getList("items.metadata.name");
    }

    @Test
    void everyEntityOfAPageCarriesItsOwnRelationsOnceEachAsByNameDoes() {
        // alpha now also declares the edge charlie declares: each relation has two origins but is listed once.
        yaml(DAVE, """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %s, tags: [%s, alpha]}
                spec: {type: service, lifecycle: production, owner: payments, dependencyOf: [component:%s]}
                """.formatted(n("alpha"), tag, n("charlie"))).post("/api/v1/entities/import").then().statusCode(200)
                .body("updated", equalTo(1));
        List<Map<String, Object>> page = as(ERIN).queryParam("filter", "metadata.tags=" + tag)
                .queryParam("orderField", "metadata.name,asc").get(API + "/entities/by-query").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertEquals(5, page.size());
        for (Map<String, Object> item : page) {
            @SuppressWarnings("unchecked")
            String name = (String) ((Map<String, Object>) item.get("metadata")).get("name");
            Map<String, Object> byName = as(ERIN).get(API + "/entities/by-name/component/default/" + name).then()
                    .statusCode(200).extract().jsonPath().getMap("");
            assertEquals(byName, item, name);
        }
        assertEquals(List.of(Map.of("type", "dependencyOf", "targetRef", "component:default/" + n("charlie")),
                Map.of("type", "ownedBy", "targetRef", "group:default/payments")), page.get(0).get("relations"));
        assertEquals(List.of(Map.of("type", "dependsOn", "targetRef", "component:default/" + n("alpha")),
                Map.of("type", "ownedBy", "targetRef", "group:default/search")), page.get(2).get("relations"));
        // An entity without any relation has an empty list, as Backstage's do.
        yaml(DAVE, """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s}
                spec: {type: team, children: []}
                """.formatted(n("lonely"))).post("/api/v1/entities/import").then().statusCode(200);
        as(ERIN).get(API + "/entities/by-name/group/default/" + n("lonely")).then().statusCode(200)
                .body("relations", equalTo(List.of()));
    }

    @Test
    void byNameAnswersTheEntityInBackstagesShapeAndAgreesWithRunwaysRead() {
        JsonPath runway = as(ERIN).get("/api/v1/entities/component/default/" + n("charlie")).then().statusCode(200)
                .extract().jsonPath();
        JsonPath backstage = as(ERIN).get(API + "/entities/by-name/component/default/" + n("charlie")).then()
                .statusCode(200).contentType("application/json").extract().jsonPath();
        assertEquals(runway.getString("metadata.uid"), backstage.getString("metadata.uid"));
        assertEquals(runway.getString("metadata.etag"), backstage.getString("metadata.etag"));
        assertEquals(runway.getMap("metadata"), backstage.getMap("metadata"));
        assertEquals(runway.getMap("spec"), backstage.getMap("spec"));
        assertEquals("Component", backstage.getString("kind"));
        assertEquals("backstage.io/v1alpha1", backstage.getString("apiVersion"));
        List<Map<String, Object>> relations = backstage.getList("relations");
        Set<List<String>> expected = new HashSet<>();
        for (Map<String, Object> r : runway.<Map<String, Object>>getList("relations")) {
            expected.add(List.of((String) r.get("type"), (String) r.get("targetRef")));
        }
        Set<List<String>> got = new HashSet<>();
        for (Map<String, Object> r : relations) {
            // Backstage's current model: {type, targetRef}, nothing else (the old `target` object is gone).
            assertEquals(Set.of("type", "targetRef"), r.keySet());
            got.add(List.of((String) r.get("type"), (String) r.get("targetRef")));
        }
        assertEquals(expected, got);
        assertEquals(got.size(), relations.size());
        assertEquals(true, got.contains(List.of("dependsOn", "component:default/" + n("alpha"))));
        assertEquals(true, got.contains(List.of("ownedBy", "group:default/search")));
        // Any case of kind and name, as Backstage's refs compare.
        as(ERIN).get(API + "/entities/by-name/COMPONENT/default/" + n("charlie").toUpperCase()).then().statusCode(200)
                .body("metadata.name", equalTo(n("charlie")));
    }

    @Test
    void missingEntitiesAre404NotFoundErrorsInBackstagesFormat() {
        as(ERIN).get(API + "/entities/by-name/component/default/nope-" + tag).then().statusCode(404)
                .contentType("application/json")
                .body("error.name", equalTo("NotFoundError"))
                .body("error.message", equalTo("No entity named 'nope-" + tag
                        + "' found, with kind 'component' in namespace 'default'"))
                .body("request.method", equalTo("GET"))
                .body("request.url", equalTo(API + "/entities/by-name/component/default/nope-" + tag))
                .body("response.statusCode", equalTo(404));
        as(ERIN).get(API + "/entities/by-name/widget/default/x").then().statusCode(404)
                .body("error.name", equalTo("NotFoundError"));
        as(ERIN).get(API + "/entities/by-uid/not-a-uuid").then().statusCode(404)
                .body("error.name", equalTo("NotFoundError"));
        as(ERIN).get(API + "/entities/by-uid/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .body("error.message", equalTo("No entity with uid 00000000-0000-0000-0000-000000000000"));
        // Runway's own API keeps problem+json.
        as(ERIN).get("/api/v1/entities/component/default/nope-" + tag).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void byUidReadsAndDeleteGoesThroughRunwaysDelete() {
        String uid = as(ERIN).get(API + "/entities/by-name/component/default/" + n("alpha")).then().statusCode(200)
                .extract().path("metadata.uid");
        as(ERIN).get(API + "/entities/by-uid/" + uid).then().statusCode(200)
                .body("metadata.name", equalTo(n("alpha"))).body("metadata.uid", equalTo(uid));
        as(ALICE).delete(API + "/entities/by-uid/" + uid).then().statusCode(204).body(emptyString());
        as(ERIN).get(API + "/entities/by-uid/" + uid).then().statusCode(404);
        as(ERIN).get("/api/v1/entities/component/default/" + n("alpha")).then().statusCode(404);
        // Runway's delete path: a tombstone with its history entry, by the caller.
        as(ERIN).get("/api/v1/entities/component/default/" + n("alpha") + "/history").then().statusCode(200)
                .body("[0].action", equalTo("deleted")).body("[0].actor", equalTo("alice"));
        as(ALICE).delete(API + "/entities/by-uid/" + uid).then().statusCode(404)
                .body("error.name", equalTo("NotFoundError"));
    }

    @Test
    void byRefsAnswersInRequestOrderWithNullsAndProjects() {
        Map<String, Object> body = Map.of("entityRefs", List.of("component:default/" + n("echo"), "component:nope",
                "not a ref:/", "Component:default/" + n("alpha")), "fields", List.of("metadata.name", "spec.type"));
        as(ERIN).contentType("application/json").body(body).post(API + "/entities/by-refs").then().statusCode(200)
                .body("items", hasSize(4))
                .body("items[0]", equalTo(Map.of("metadata", Map.of("name", n("echo")), "spec",
                        Map.of("type", "service"))))
                .body("items[1]", nullValue()).body("items[2]", nullValue())
                .body("items[3].metadata.name", equalTo(n("alpha")));
        // Without fields the whole entity, and the query's filter applies: a filtered-out ref answers null.
        as(ERIN).contentType("application/json").queryParam("filter", "spec.type=service")
                .body(Map.of("entityRefs", List.of("component:default/" + n("charlie"), "component:default/"
                        + n("echo"))))
                .post(API + "/entities/by-refs").then().statusCode(200)
                .body("items[0]", nullValue()).body("items[1].metadata.uid", notNullValue())
                .body("items[1].relations", notNullValue());
        as(ERIN).contentType("application/json").body(Map.of("entityRefs", "component:x"))
                .post(API + "/entities/by-refs").then().statusCode(400).body("error.name", equalTo("InputError"))
                .body("request.method", equalTo("POST"));
        as(ERIN).contentType("application/json").body("{oops").post(API + "/entities/by-refs").then()
                .statusCode(400).body("error.name", equalTo("InputError"));
    }

    @Test
    void filterSetsAreAndWithinOrAcross() {
        assertEquals(List.of(n("alpha"), n("echo")), names("metadata.tags=" + tag + ",spec.type=service,"
                + "spec.lifecycle=production"));
        assertEquals(List.of(n("charlie"), n("delta"), n("echo")), names("metadata.tags=" + tag
                + ",relations.ownedBy=group:default/search"));
        assertEquals(List.of(n("bravo"), n("delta"), n("echo")), names(
                "metadata.tags=" + tag + ",spec.lifecycle=deprecated",
                "metadata.tags=" + tag + ",spec.lifecycle=experimental",
                "metadata.tags=" + tag + ",metadata.name=" + n("echo")));
        // The same key twice in one set: either value.
        assertEquals(List.of(n("charlie"), n("delta")), names("metadata.tags=" + tag
                + ",spec.type=website,spec.type=library"));
    }

    @Test
    void filtersAreCaseInsensitiveAndReachAnyPath() {
        assertEquals(List.of(n("alpha"), n("bravo"), n("echo")), names("KIND=COMPONENT,Spec.Type=SERVICE,"
                + "metadata.tags=" + tag.toUpperCase()));
        // Labels and annotations, values compared case-insensitively.
        assertEquals(List.of(n("bravo")), names("metadata.tags=" + tag + ",metadata.labels.tier=silver"));
        assertEquals(List.of(n("alpha")), names("metadata.tags=" + tag
                + ",metadata.annotations.runway.dev/on-call=ALICE"));
        // Array items: the item as the last key (value true), and the array itself matching any item.
        assertEquals(List.of(n("delta")), names("metadata.tags." + tag + "=true,metadata.tags.delta"));
        assertEquals(List.of(n("delta")), names("metadata.tags=" + tag + ",metadata.tags.delta=TRUE"));
        // The owner as written in spec.owner; the document path for any other field (metadata.title).
        assertEquals(List.of(n("alpha"), n("bravo")), names("metadata.tags=" + tag + ",spec.owner=PAYMENTS"));
        assertEquals(List.of(n("echo")), names("metadata.tags=" + tag + ",metadata.title=echo title"));
        // Relations from the relation table, both directions.
        assertEquals(List.of(n("charlie")), names("metadata.tags=" + tag + ",relations.dependsOn=component:default/"
                + n("alpha")));
        assertEquals(List.of(n("alpha")), names("metadata.tags=" + tag + ",relations.dependencyof=component:default/"
                + n("charlie")));
        assertEquals(List.of(), names("metadata.tags=" + tag + ",relations.nosuchrelation=x"));
    }

    @Test
    void aKeyAloneMeansExists() {
        assertEquals(List.of(n("alpha")), names("metadata.tags=" + tag + ",metadata.annotations.runway.dev/on-call"));
        assertEquals(List.of(n("charlie")), names("metadata.tags=" + tag + ",relations.dependsOn"));
        assertEquals(5, names("metadata.tags=" + tag + ",spec.lifecycle,metadata.labels.tier").size());
        assertEquals(List.of(), names("metadata.tags=" + tag + ",spec.definition"));
        as(ERIN).queryParam("filter", "=x").get(API + "/entities/by-query").then().statusCode(400)
                .body("error.name", equalTo("InputError")).body("response.statusCode", equalTo(400));
    }

    @Test
    void byQueryAgreesWithRunwaysOwnList() {
        List<String> runway = as(ERIN).queryParam("tag", tag).queryParam("type", "service")
                .queryParam("owner", "search").queryParam("kind", "component").get("/api/v1/entities").then()
                .statusCode(200).extract().jsonPath().getList("items.metadata.name");
        assertEquals(runway, names("kind=component,metadata.tags=" + tag + ",spec.type=service,"
                + "relations.ownedby=group:default/search"));
        JsonPath page = as(ERIN).queryParam("filter", "metadata.tags=" + tag).queryParam("limit", 100)
                .get(API + "/entities/by-query").then().statusCode(200).extract().jsonPath();
        assertEquals(5, page.getInt("totalItems"));
        assertEquals(Map.of(), page.getMap("pageInfo"));
        // The count of a whole kind (from Runway's maintained facet counts) agrees with Runway's facets and a scan.
        int components = as(ERIN).queryParam("filter", "kind=component").queryParam("limit", 0)
                .get(API + "/entities/by-query").then().statusCode(200).extract().path("totalItems");
        int runwayCount = as(ERIN).queryParam("field", "kind").queryParam("kind", "component")
                .get("/api/v1/entities/facets").then().statusCode(200).extract().path("values[0].count");
        assertEquals(runwayCount, components);
        int scanned = as(ERIN).queryParam("filter", "kind=component,metadata.name").queryParam("limit", 0)
                .get(API + "/entities/by-query").then().statusCode(200).extract().path("totalItems");
        assertEquals(scanned, components);
        // Counted in the page's own statement, from the maintained counts and by a scan alike.
        for (String filter : List.of("kind=component", "kind=component,metadata.name")) {
            as(ERIN).queryParam("filter", filter).queryParam("limit", 2).get(API + "/entities/by-query").then()
                    .statusCode(200).body("items", hasSize(2)).body("totalItems", equalTo(components));
        }
        // A first page without rows still counts (a statement of its own).
        for (String filter : List.of("kind=component,relations.ownedBy=group:default/nobody-" + tag,
                "metadata.tags=" + tag + ",spec.type=nosuchtype")) {
            as(ERIN).queryParam("filter", filter).get(API + "/entities/by-query").then().statusCode(200)
                    .body("items", hasSize(0)).body("totalItems", equalTo(0));
        }
    }

    @Test
    void fieldsProjectOnlyWhatWasAsked() {
        as(ERIN).queryParam("filter", "metadata.tags=" + tag).queryParam("orderField", "metadata.name,asc")
                .queryParam("fields", "metadata.name,spec.lifecycle").queryParam("fields", "relations")
                .queryParam("limit", 1).get(API + "/entities/by-query").then().statusCode(200)
                .body("items[0].metadata", equalTo(Map.of("name", n("alpha"))))
                .body("items[0].spec", equalTo(Map.of("lifecycle", "production")))
                .body("items[0].relations.type", notNullValue())
                .body("items[0].kind", nullValue());
    }

    @Test
    void orderFieldOrdersEitherWayWithMissingValuesLast() {
        List<String> byNameDesc = as(ERIN).queryParam("filter", "metadata.tags=" + tag)
                .queryParam("orderField", "metadata.name,desc").get(API + "/entities/by-query").then()
                .statusCode(200).extract().jsonPath().getList("items.metadata.name");
        assertEquals(List.of(n("echo"), n("delta"), n("charlie"), n("bravo"), n("alpha")), byNameDesc);
        List<String> byAnnotation = as(ERIN).queryParam("filter", "metadata.tags=" + tag)
                .queryParam("orderField", "metadata.annotations.runway.dev/on-call,desc")
                .queryParam("orderField", "metadata.name,asc").get(API + "/entities/by-query").then()
                .statusCode(200).extract().jsonPath().getList("items.metadata.name");
        assertEquals(List.of(n("alpha"), n("bravo"), n("charlie"), n("delta"), n("echo")), byAnnotation);
        List<String> byType = as(ERIN).queryParam("filter", "metadata.tags=" + tag)
                .queryParam("orderField", "spec.type,asc").queryParam("orderField", "metadata.name,desc")
                .get(API + "/entities/by-query").then().statusCode(200).extract().jsonPath()
                .getList("items.metadata.name");
        assertEquals(List.of(n("delta"), n("echo"), n("bravo"), n("alpha"), n("charlie")), byType);
        as(ERIN).queryParam("orderField", "metadata.name,sideways").get(API + "/entities/by-query").then()
                .statusCode(400).body("error.name", equalTo("InputError"));
    }

    @Test
    void cursorsPageToTheEndVisitingEachEntityOnceAndBack() {
        for (String order : List.of("metadata.name,asc", "spec.lifecycle,desc", "metadata.title,asc")) {
            List<String> seen = new ArrayList<>();
            List<JsonPath> pages = new ArrayList<>();
            String cursor = null;
            do {
                var request = as(ERIN).queryParam("limit", 2);
                if (cursor == null) {
                    request.queryParam("filter", "metadata.tags=" + tag).queryParam("orderField", order);
                } else {
                    // A cursor carries its query: filters sent beside it would be ignored, so none are sent.
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get(API + "/entities/by-query").then().statusCode(200).extract().jsonPath();
                assertEquals(5, page.getInt("totalItems"));
                pages.add(page);
                seen.addAll(page.getList("items.metadata.name"));
                cursor = page.getString("pageInfo.nextCursor");
            } while (cursor != null);
            assertEquals(3, pages.size(), order);
            assertEquals(5, seen.size(), order);
            assertEquals(5, new HashSet<>(seen).size(), order);
            assertNull(pages.get(0).getString("pageInfo.prevCursor"));
            // prevCursor of the last page leads back to the middle page, exactly.
            JsonPath back = as(ERIN).queryParam("limit", 2)
                    .queryParam("cursor", pages.get(2).getString("pageInfo.prevCursor"))
                    .get(API + "/entities/by-query").then().statusCode(200).extract().jsonPath();
            assertEquals(pages.get(1).getList("items.metadata.name"), back.getList("items.metadata.name"), order);
            assertNotNull(back.getString("pageInfo.prevCursor"));
            assertNotNull(back.getString("pageInfo.nextCursor"));
        }
        as(ERIN).queryParam("cursor", "garbage!").get(API + "/entities/by-query").then().statusCode(400)
                .body("error.name", equalTo("InputError"));
        // Hand-made cursors are answered or refused, never a server error.
        as(ERIN).queryParam("cursor", handMade("{}")).get(API + "/entities/by-query").then().statusCode(200);
        String afterBravo = "{\"filter\":[\"metadata.tags=" + tag + "\"],\"key\":[\"component:default/"
                + n("bravo") + "\"]}";
        as(ERIN).queryParam("cursor", handMade(afterBravo)).get(API + "/entities/by-query").then().statusCode(200)
                .body("items.metadata.name", contains(n("charlie"), n("delta"), n("echo")));
        as(ERIN).queryParam("cursor", handMade("{\"orderField\":[\"metadata.name,asc\"],\"key\":[\"a\"]}"))
                .get(API + "/entities/by-query").then().statusCode(400).body("error.name", equalTo("InputError"));
        as(ERIN).queryParam("cursor", handMade("[1]")).get(API + "/entities/by-query").then().statusCode(400);
    }

    private static String handMade(String state) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("backstage.by-query\n" + state)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void fullTextFilterMatchesSubstringsOfTheFields() {
        as(ERIN).queryParam("filter", "metadata.tags=" + tag).queryParam("fullTextFilterTerm", "HARL")
                .queryParam("fullTextFilterFields", "metadata.name,metadata.title")
                .get(API + "/entities/by-query").then().statusCode(200)
                .body("items.metadata.name", contains(n("charlie"))).body("totalItems", equalTo(1));
        as(ERIN).queryParam("filter", "metadata.tags=" + tag).queryParam("fullTextFilterTerm", "ECHO TI")
                .queryParam("fullTextFilterFields", "metadata.title")
                .get(API + "/entities/by-query").then().statusCode(200)
                .body("items.metadata.name", contains(n("echo")));
        // Without fields, the order field is searched.
        as(ERIN).queryParam("filter", "metadata.tags=" + tag).queryParam("fullTextFilterTerm", "elta")
                .queryParam("orderField", "metadata.name,asc").get(API + "/entities/by-query").then().statusCode(200)
                .body("items.metadata.name", contains(n("delta")));
        // limit=0 counts only.
        as(ERIN).queryParam("filter", "metadata.tags=" + tag).queryParam("limit", 0)
                .get(API + "/entities/by-query").then().statusCode(200)
                .body("items", hasSize(0)).body("totalItems", equalTo(5));
    }

    @Test
    void getEntitiesAnswersAnArrayAndPagesWithOffsetOrTheLinkHeader() {
        as(ERIN).queryParam("filter", "metadata.tags=" + tag).queryParam("order", "desc:metadata.name")
                .get(API + "/entities").then().statusCode(200)
                .body("metadata.name", contains(n("echo"), n("delta"), n("charlie"), n("bravo"), n("alpha")))
                .header("Link", nullValue());
        as(ERIN).queryParam("filter", "metadata.tags=" + tag).queryParam("order", "asc:metadata.name")
                .queryParam("offset", 1).queryParam("limit", 2).queryParam("fields", "metadata.name")
                .get(API + "/entities").then().statusCode(200)
                .body("", equalTo(List.of(Map.of("metadata", Map.of("name", n("bravo"))),
                        Map.of("metadata", Map.of("name", n("charlie"))))));
        List<String> seen = new ArrayList<>();
        String next = API + "/entities?filter=metadata.tags%3D" + tag + "&order=asc:metadata.name&limit=2";
        int pages = 0;
        while (next != null) {
            Response page = as(ERIN).urlEncodingEnabled(false).get(next);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("metadata.name"));
            String link = page.header("Link");
            if (link != null) {
                org.hamcrest.MatcherAssert.assertThat(link, matchesPattern("<" + API + "/entities\\?.*after=.*>; rel=\"next\""));
                next = link.substring(1, link.indexOf('>'));
            } else {
                next = null;
            }
            pages++;
        }
        assertEquals(List.of(n("alpha"), n("bravo"), n("charlie"), n("delta"), n("echo")), seen);
        assertEquals(3, pages);
        as(ERIN).queryParam("order", "sideways").get(API + "/entities").then().statusCode(400)
                .body("error.name", equalTo("InputError"));
    }

    @Test
    void facetsCountValuesUnderTheFiltersAndAgreeWithRunwaysFacets() {
        as(ERIN).queryParam("facet", "spec.lifecycle").queryParam("facet", "kind").queryParam("facet", "metadata.tags")
                .queryParam("filter", "metadata.tags=" + tag).get(API + "/entity-facets").then().statusCode(200)
                .body("facets.'spec.lifecycle'", contains(Map.of("value", "production", "count", 3),
                        Map.of("value", "deprecated", "count", 1), Map.of("value", "experimental", "count", 1)))
                .body("facets.kind", contains(Map.of("value", "Component", "count", 5)))
                .body("facets.'metadata.tags'.find { it.value == '" + tag + "' }.count", equalTo(5));
        List<Map<String, Object>> runway = as(ERIN).queryParam("field", "owner").queryParam("tag", tag)
                .queryParam("type", "service").get("/api/v1/entities/facets").then().statusCode(200).extract()
                .jsonPath().getList("values");
        as(ERIN).queryParam("facet", "relations.ownedBy").queryParam("filter", "metadata.tags=" + tag
                + ",spec.type=service").get(API + "/entity-facets").then().statusCode(200)
                .body("facets.'relations.ownedBy'", equalTo(runway));
        // Filters Runway's facets cannot express (OR, paths of the document) are counted from the rows.
        as(ERIN).queryParam("facet", "spec.owner").queryParam("facet", "metadata.labels.tier")
                .queryParam("facet", "relations.dependsOn")
                .queryParam("filter", "metadata.tags=" + tag + ",spec.type=service")
                .queryParam("filter", "metadata.tags=" + tag + ",spec.type=website")
                .get(API + "/entity-facets").then().statusCode(200)
                .body("facets.'spec.owner'", contains(Map.of("value", "payments", "count", 2),
                        Map.of("value", "search", "count", 2)))
                .body("facets.'metadata.labels.tier'", containsInAnyOrder(Map.of("value", "gold", "count", 3),
                        Map.of("value", "Silver", "count", 1)))
                .body("facets.'relations.dependsOn'", contains(Map.of("value", "component:default/" + n("alpha"),
                        "count", 1)));
        as(ERIN).get(API + "/entity-facets").then().statusCode(400).body("error.name", equalTo("InputError"));
    }

    @Test
    void runwaysFacetsTakeBackstagePaths() {
        for (String[] alias : new String[][] { { "spec.lifecycle", "lifecycle" }, { "metadata.tags", "tag" },
                { "spec.type", "type" }, { "relations.ownedBy", "owner" }, { "spec.owner", "owner" } }) {
            List<Object> byPath = as(ERIN).queryParam("field", alias[0]).queryParam("tag", tag)
                    .get("/api/v1/entities/facets").then().statusCode(200).extract().jsonPath().getList("values");
            List<Object> byName = as(ERIN).queryParam("field", alias[1]).queryParam("tag", tag)
                    .get("/api/v1/entities/facets").then().statusCode(200).extract().jsonPath().getList("values");
            assertEquals(byName, byPath, alias[0]);
            assertEquals(false, byPath.isEmpty(), alias[0]);
        }
    }

    @Test
    void ancestryIsTheEntityAloneWithoutParents() {
        as(ERIN).get(API + "/entities/by-name/component/default/" + n("bravo") + "/ancestry").then().statusCode(200)
                .body("rootEntityRef", equalTo("component:default/" + n("bravo")))
                .body("items", hasSize(1))
                .body("items[0].entity.metadata.name", equalTo(n("bravo")))
                .body("items[0].parentEntityRefs", hasSize(0));
        as(ERIN).get(API + "/entities/by-name/component/default/nope/ancestry").then().statusCode(404)
                .body("error.name", equalTo("NotFoundError"));
    }

    @Test
    void validateEntityUsesRunwaysRules() {
        Map<String, Object> valid = Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component", "metadata",
                Map.of("name", "ok-" + tag), "spec", Map.of("type", "service", "lifecycle", "production", "owner", "x"));
        as(ALICE).contentType("application/json").body(Map.of("entity", valid, "location", "url:https://git/x.yaml"))
                .post(API + "/validate-entity").then().statusCode(200).body(emptyString());
        Map<String, Object> invalid = Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component", "metadata",
                Map.of("name", "Not Valid!"), "spec", Map.of("type", "service"));
        as(ALICE).contentType("application/json").body(Map.of("entity", invalid, "location", "url:https://git/x"))
                .post(API + "/validate-entity").then().statusCode(400)
                .body("errors.name", org.hamcrest.Matchers.everyItem(equalTo("InputError")))
                .body("errors.message", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers
                        .startsWith("$.metadata.name")))
                .body("errors.message", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers
                        .startsWith("$.spec.lifecycle")));
        as(ALICE).contentType("application/json").body(Map.of("entity", valid, "location", "file:/etc/x.yaml"))
                .post(API + "/validate-entity").then().statusCode(400)
                .body("errors[0].message", org.hamcrest.Matchers.containsString("only 'url:<target>'"));
        // Nothing was stored.
        as(ERIN).get(API + "/entities/by-name/component/default/ok-" + tag).then().statusCode(404);
    }

    @Test
    void locationsAreRefusedHonestlyAndRefreshFindsTheEntity() {
        as(ERIN).get(API + "/locations").then().statusCode(501).body("error.name", equalTo("NotImplementedError"))
                .body("response.statusCode", equalTo(501)).body("request.url", equalTo(API + "/locations"));
        as(ALICE).contentType("application/json").body(Map.of("type", "url", "target", "https://git/x.yaml"))
                .post(API + "/locations").then().statusCode(501).body("error.name", equalTo("NotImplementedError"));
        as(ERIN).get(API + "/locations/123").then().statusCode(501);
        as(ALICE).delete(API + "/locations/123").then().statusCode(501);
        as(ERIN).get(API + "/locations/by-entity/component/default/" + n("alpha")).then().statusCode(501);
        as(ALICE).contentType("application/json").body(Map.of("location", Map.of("type", "url", "target", "x")))
                .post(API + "/analyze-location").then().statusCode(501);
        as(ALICE).contentType("application/json").body(Map.of("entityRef", "component:default/" + n("alpha")))
                .post(API + "/refresh").then().statusCode(200);
        as(ALICE).contentType("application/json").body(Map.of("entityRef", "component:default/nope-" + tag))
                .post(API + "/refresh").then().statusCode(404).body("error.name", equalTo("NotFoundError"));
        as(ALICE).contentType("application/json").body(Map.of("entityRef", 7)).post(API + "/refresh").then()
                .statusCode(400).body("error.name", equalTo("InputError"));
    }
}
