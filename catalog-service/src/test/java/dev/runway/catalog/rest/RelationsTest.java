package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.CAROL;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.query;
import static dev.runway.catalog.rest.CatalogTestSupport.resource;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.catalog.domain.RelationType;
import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class RelationsTest {

    @BeforeEach
    void importBothTeams() {
        yaml(ALICE, resource("catalog/payments-catalog-info.yaml")).post("/api/v1/entities/import").then()
                .statusCode(200);
        yaml(CAROL, resource("catalog/search-catalog-info.yaml")).post("/api/v1/entities/import").then()
                .statusCode(200);
    }

    @Test
    void relationsAreComputedInBothDirections() {
        as(ALICE).get("/api/v1/entities/component/default/checkout-service").then().statusCode(200)
                .body("relations", hasItems(
                        Map.of("type", "ownedBy", "targetRef", "group:default/payments", "resolved", true),
                        Map.of("type", "partOf", "targetRef", "system:default/payments-platform", "resolved", true),
                        Map.of("type", "providesApi", "targetRef", "api:default/payments-api", "resolved", true),
                        Map.of("type", "consumesApi", "targetRef", "api:default/search-api", "resolved", true),
                        Map.of("type", "dependsOn", "targetRef", "resource:default/payments-db", "resolved", true)));
        // Inverses appear on the other end, even though only checkout-service's spec names them.
        as(CAROL).get("/api/v1/entities/api/default/search-api").then().statusCode(200)
                .body("relations", hasItem(Map.of("type", "apiConsumedBy",
                        "targetRef", "component:default/checkout-service", "resolved", true)))
                .body("relations", hasItem(Map.of("type", "apiProvidedBy",
                        "targetRef", "component:default/search-indexer", "resolved", true)));
        as(ALICE).get("/api/v1/entities/group/default/payments").then().statusCode(200)
                .body("relations.type", hasItems("ownerOf", "hasMember"));
    }

    @Test
    void everyStoredRelationHasItsInverse() {
        String inverse = Arrays.stream(RelationType.values())
                .map(t -> "WHEN '" + t.wireName + "' THEN '" + t.inverse().wireName + "'")
                .collect(Collectors.joining(" ", "CASE r.type ", " END"));
        List<List<String>> total = query("SELECT count(*) FROM entity_relation");
        List<List<String>> orphans = query("SELECT r.source_ref, r.type, r.target_ref FROM entity_relation r"
                + " WHERE NOT EXISTS (SELECT 1 FROM entity_relation i WHERE i.source_ref = r.target_ref"
                + " AND i.target_ref = r.source_ref AND i.origin_ref = r.origin_ref AND i.type = " + inverse + ")");
        assertTrue(Integer.parseInt(total.get(0).get(0)) > 20, "relations were stored");
        assertEquals(List.of(), orphans);
    }

    @Test
    void danglingRefsAreListedNotFatal() {
        String name = unique("lonely");
        String body = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %s}
                spec:
                  type: service
                  lifecycle: experimental
                  owner: payments
                  dependsOn: [resource:does-not-exist-yet]
                """.formatted(name);
        yaml(ALICE, body).post("/api/v1/entities").then().statusCode(201)
                .body("danglingRefs", equalTo(List.of("resource:default/does-not-exist-yet")))
                .body("relations", hasItem(Map.of("type", "dependsOn",
                        "targetRef", "resource:default/does-not-exist-yet", "resolved", false)));
        as(ALICE).get("/api/v1/entities/component/default/" + name).then().statusCode(200)
                .body("danglingRefs", equalTo(List.of("resource:default/does-not-exist-yet")));
    }

    /**
     * The by-ref read aggregates relations in one statement, the write path reads them with another: both give the
     * same list, in the same order, for an entity with resolved, dangling and inverse relations.
     */
    @Test
    void aReadShowsExactlyTheRelationsTheWriteAnswered() {
        String name = unique("both-paths");
        String body = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %s}
                spec:
                  type: service
                  lifecycle: production
                  owner: payments
                  system: payments-platform
                  consumesApis: [search-api]
                  dependsOn: [resource:payments-db, resource:not-there-yet]
                """.formatted(name);
        List<Map<String, Object>> written = yaml(ALICE, body).post("/api/v1/entities").then().statusCode(201)
                .extract().jsonPath().getList("relations");
        List<Map<String, Object>> read = as(ALICE).get("/api/v1/entities/component/default/" + name).then()
                .statusCode(200).extract().jsonPath().getList("relations");
        assertEquals(written, read);
        assertEquals(5, read.size(), "ownedBy, partOf, consumesApi and two dependsOn: " + read);
        as(CAROL).get("/api/v1/entities/component/default/" + name.toUpperCase()).then().statusCode(200)
                .body("metadata.name", equalTo(name));
        as(CAROL).get("/api/v1/entities/component/default/" + name + "-missing").then().statusCode(404);
    }

    @Test
    void updatingAnEntityReplacesTheRelationsItEmitted() {
        String name = unique("mover");
        String v1 = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %s}
                spec: {type: service, lifecycle: production, owner: payments, system: payments-platform}
                """.formatted(name);
        String etag = yaml(ALICE, v1).post("/api/v1/entities").then().statusCode(201).extract().header("ETag");
        yaml(ALICE, v1.replace(", system: payments-platform", "")).header("If-Match", etag)
                .put("/api/v1/entities/component/default/" + name).then().statusCode(200)
                .body("relations.type", not(hasItem("partOf")));
        as(ALICE).get("/api/v1/entities/system/default/payments-platform").then()
                .body("relations.targetRef", not(hasItem("component:default/" + name)));
    }

    @Test
    void graphFollowsRelationsToTheRequestedDepth() {
        as(ALICE).queryParam("depth", 1).get("/api/v1/entities/component/default/checkout-service/graph").then()
                .statusCode(200)
                .body("root", equalTo("component:default/checkout-service"))
                .body("nodes.ref", hasItems("api:default/search-api", "resource:default/payments-db"))
                .body("nodes.ref", not(hasItem("component:default/search-indexer")));
        as(ALICE).queryParam("depth", 2).queryParam("relation", "consumesApi")
                .queryParam("relation", "apiProvidedBy")
                .get("/api/v1/entities/component/default/checkout-service/graph").then().statusCode(200)
                .body("edges", hasItem(Map.of("source", "api:default/search-api", "type", "apiProvidedBy",
                        "target", "component:default/search-indexer")))
                .body("edges.type", not(hasItem("ownedBy")));
        as(ALICE).queryParam("depth", 9).get("/api/v1/entities/component/default/checkout-service/graph").then()
                .statusCode(400).body("violations[0].field", equalTo("depth"));
        as(ALICE).queryParam("relation", "likes").get("/api/v1/entities/component/default/checkout-service/graph")
                .then().statusCode(400).body("violations[0].field", equalTo("relation"));
        as(ALICE).get("/api/v1/entities/component/default/nothing-here/graph").then().statusCode(404);
    }
}
