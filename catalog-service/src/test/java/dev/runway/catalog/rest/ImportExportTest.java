package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.CAROL;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.component;
import static dev.runway.catalog.rest.CatalogTestSupport.query;
import static dev.runway.catalog.rest.CatalogTestSupport.resource;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class ImportExportTest {

    @Test
    void importingTheSameFileTwiceLeavesEverythingUnchanged() {
        String file = resource("catalog/payments-catalog-info.yaml");
        yaml(ALICE, file).post("/api/v1/entities/import").then().statusCode(200)
                .body("applied", equalTo(true)).body("rejected", equalTo(0));
        yaml(ALICE, file).post("/api/v1/entities/import").then().statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(5))
                .body("items.outcome", everyItem(equalTo("unchanged")))
                .body("items.entityRef", hasItems("group:default/payments", "system:default/payments-platform",
                        "component:default/checkout-service", "api:default/payments-api",
                        "resource:default/payments-db"));
    }

    @Test
    void changedDocumentsAreUpdatedAndNewOnesCreated() {
        String a = unique("billing");
        String b = unique("ledger");
        yaml(ALICE, component(a, "payments")).post("/api/v1/entities/import").then().statusCode(200)
                .body("created", equalTo(1));
        String next = component(a, "payments").replace("A service for the tests", "Bills customers") + "---\n"
                + component(b, "payments");
        yaml(ALICE, next).post("/api/v1/entities/import").then().statusCode(200)
                .body("items[0].outcome", equalTo("updated")).body("items[1].outcome", equalTo("created"));
        as(ALICE).get("/api/v1/entities/component/default/" + a).then().statusCode(200)
                .body("metadata.description", equalTo("Bills customers"));
    }

    @Test
    void dryRunReportsWithoutStoring() {
        String a = unique("dry");
        yaml(ALICE, component(a, "payments")).queryParam("dryRun", true).post("/api/v1/entities/import").then()
                .statusCode(200).body("dryRun", equalTo(true)).body("applied", equalTo(false))
                .body("items[0].outcome", equalTo("created"));
        as(ALICE).get("/api/v1/entities/component/default/" + a).then().statusCode(404);
        // A dry run also reports rejections instead of failing.
        yaml(ALICE, resource("catalog/invalid-catalog-info.yaml")).queryParam("dryRun", true)
                .post("/api/v1/entities/import").then().statusCode(200)
                .body("rejected", equalTo(2)).body("items[1].violations.field", hasItems("$.metadata.name"))
                .body("items[2].violations[0].field", equalTo("$.kind"));
    }

    @Test
    void oneBadDocumentRejectsTheWholeImport() {
        yaml(ALICE, resource("catalog/invalid-catalog-info.yaml")).post("/api/v1/entities/import").then()
                .statusCode(422).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("2 of 3 documents were rejected; nothing was imported."))
                .body("violations.field", hasItems("$[1].metadata.name", "$[1].spec.lifecycle", "$[2].kind"));
        as(ALICE).get("/api/v1/entities/component/default/ledger").then().statusCode(404);
    }

    @Test
    void importForAnotherTeamIsRejected() {
        String a = unique("sneaky");
        yaml(CAROL, component(a, "payments")).post("/api/v1/entities/import").then().statusCode(422)
                .body("violations[0].message", containsString("not permitted"));
        String dup = component(a, "search") + "---\n" + component(a.toUpperCase(), "search");
        yaml(CAROL, dup).post("/api/v1/entities/import").then().statusCode(422)
                .body("violations[0].field", equalTo("$[1]"))
                .body("violations[0].message", equalTo("duplicate of document 0 in this request"));
    }

    @Test
    void exportGivesYamlThatImportsAsUnchanged() {
        yaml(CAROL, resource("catalog/search-catalog-info.yaml")).post("/api/v1/entities/import").then()
                .statusCode(200);
        String exported = as(CAROL).queryParam("owner", "search").get("/api/v1/entities/export").then()
                .statusCode(200).contentType(startsWith("application/yaml")).extract().asString();
        assertTrue(exported.contains("name: \"search-indexer\"") || exported.contains("name: search-indexer"),
                exported);
        assertTrue(!exported.contains("uid"), exported);
        yaml(CAROL, exported).post("/api/v1/entities/import").then().statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(0))
                .body("items.outcome", everyItem(equalTo("unchanged")));
    }

    @Test
    void writersFromSsoAppearAsGroupAndUserEntities() {
        yaml(CAROL, component(unique("sso"), "search")).post("/api/v1/entities/import").then().statusCode(200);
        as(CAROL).get("/api/v1/entities/user/default/carol").then().statusCode(200)
                .body("spec.memberOf", hasItems("search"))
                .body("relations.targetRef", hasItems("group:default/search"));
        as(CAROL).get("/api/v1/entities/group/default/search").then().statusCode(200)
                .body("relations.targetRef", hasItems("user:default/carol"));
        assertEquals(1, query("SELECT 1 FROM entity WHERE ref = 'user:default/carol'").size());
    }
}
