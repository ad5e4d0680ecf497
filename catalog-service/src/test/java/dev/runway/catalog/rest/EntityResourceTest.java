package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.CAROL;
import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.component;
import static dev.runway.catalog.rest.CatalogTestSupport.query;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class EntityResourceTest {

    private static String path(String name) {
        return "/api/v1/entities/component/default/" + name;
    }

    @Test
    void createGetReplaceDeleteWithHistoryAndAudit() {
        String name = unique("Checkout");
        String etag = yaml(ALICE, component(name, "payments")).post("/api/v1/entities")
                .then().statusCode(201)
                .header("Location", endsWith(path(name.toLowerCase())))
                .header("ETag", notNullValue())
                .body("metadata.name", equalTo(name))
                .body("metadata.namespace", equalTo("default"))
                .body("metadata.uid", notNullValue())
                .body("relations.type", hasItem("ownedBy"))
                .extract().header("ETag");

        // Refs compare case-insensitively: the mixed-case name is found under its lower-case path.
        as(CAROL).get(path(name.toUpperCase())).then().statusCode(200)
                .header("ETag", equalTo(etag))
                .body("spec.owner", equalTo("payments"))
                .body("relations", hasItem(java.util.Map.of("type", "ownedBy", "targetRef", "group:default/payments",
                        "resolved", isGroupRegistered("payments"))));

        String changed = component(name, "payments").replace("lifecycle: production", "lifecycle: deprecated");
        String etag2 = yaml(ALICE, changed).header("If-Match", etag).put(path(name))
                .then().statusCode(200).body("spec.lifecycle", equalTo("deprecated")).extract().header("ETag");
        assertNotEquals(etag, etag2);

        // Same content again: no new version.
        yaml(ALICE, changed).header("If-Match", etag2).put(path(name)).then().statusCode(200)
                .header("ETag", equalTo(etag2));

        as(ALICE).header("If-Match", etag2).delete(path(name)).then().statusCode(204);
        as(ALICE).get(path(name)).then().statusCode(404).contentType(startsWith("application/problem+json"));

        as(ALICE).get(path(name) + "/history").then().statusCode(200)
                .body("action", contains("deleted", "updated", "created"))
                .body("actor", contains("alice", "alice", "alice"))
                .body("[1].patch", hasItem(java.util.Map.of("op", "replace", "path", "/spec/lifecycle",
                        "value", "deprecated")));

        List<List<String>> events = query("SELECT action, outcome, actor FROM audit_outbox WHERE resource = 'component:default/"
                + name.toLowerCase() + "' ORDER BY occurred_at");
        assertEquals(List.of(List.of("catalog.entity.create", "success", "alice"),
                List.of("catalog.entity.update", "success", "alice"),
                List.of("catalog.entity.delete", "success", "alice")), events);
    }

    private static boolean isGroupRegistered(String group) {
        return !query("SELECT 1 FROM entity WHERE ref = 'group:default/" + group + "' AND deleted_at IS NULL")
                .isEmpty();
    }

    @Test
    void invalidDescriptorIs400WithJsonPaths() {
        yaml(ALICE, """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: 'no spaces', tags: [Java]}
                spec: {type: service, owner: payments}
                """).post("/api/v1/entities").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", contains("$.metadata.name", "$.metadata.tags[0]", "$.spec.lifecycle"));
    }

    @Test
    void unknownKindIsRejectedClearly() {
        yaml(ALICE, "apiVersion: backstage.io/v1alpha1\nkind: Widget\nmetadata: {name: w}\nspec: {}\n")
                .post("/api/v1/entities").then().statusCode(400)
                .body("violations[0].field", equalTo("$.kind"))
                .body("violations[0].message", containsString("unknown kind \"Widget\"; expected one of Component"));
    }

    @Test
    void malformedYamlIs400() {
        yaml(ALICE, "kind: [unclosed").post("/api/v1/entities").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("Malformed YAML"));
    }

    @Test
    void severalDocumentsToCreateIs400() {
        String body = component(unique("a"), "payments") + "---\n" + component(unique("b"), "payments");
        yaml(ALICE, body).post("/api/v1/entities").then().statusCode(400).body("violations[0].field", equalTo("$"));
    }

    @Test
    void duplicateCreateIs409() {
        String name = unique("dup");
        yaml(ALICE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201);
        yaml(ALICE, component(name, "payments")).post("/api/v1/entities").then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(409));
    }

    @Test
    void ownerMustBeOneOfTheCallersTeams() {
        String name = unique("foreign");
        yaml(CAROL, component(name, "payments")).post("/api/v1/entities").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("no rule or role binding allows catalog.entity.write on entity:component:default/" + name.toLowerCase()));
        List<List<String>> denied = query("SELECT outcome, actor FROM audit_outbox WHERE resource = 'component:default/"
                + name + "'");
        assertEquals(List.of(List.of("deny", "carol")), denied);
        // A platform-admin may register for any team.
        yaml(DAVE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201);
    }

    @Test
    void onlyTheOwningTeamMayChangeOrDelete() {
        String name = unique("owned");
        String etag = yaml(ALICE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201)
                .extract().header("ETag");
        yaml(CAROL, component(name, "search")).header("If-Match", etag).put(path(name)).then().statusCode(403);
        as(CAROL).delete(path(name)).then().statusCode(403);
        // Handing over to a team the caller is not in is refused too.
        yaml(ALICE, component(name, "search")).header("If-Match", etag).put(path(name)).then().statusCode(403);
        as(DAVE).get(path(name)).then().statusCode(200).header("ETag", equalTo(etag));
    }

    @Test
    void putPreconditions() {
        String name = unique("pre");
        String etag = yaml(ALICE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201)
                .extract().header("ETag");
        yaml(ALICE, component(name, "payments")).put(path(name)).then().statusCode(412)
                .contentType(startsWith("application/problem+json")).body("detail", startsWith("If-Match is required"));
        yaml(ALICE, component(name, "payments")).header("If-Match", "\"stale\"").put(path(name)).then()
                .statusCode(412).body("status", equalTo(412));
        yaml(ALICE, component(unique("other"), "payments")).header("If-Match", etag).put(path(name)).then()
                .statusCode(400).body("violations[0].field", equalTo("$.metadata.name"));
        yaml(ALICE, component(name, "payments")).header("If-Match", etag).put(path(unique("missing"))).then()
                .statusCode(404);
        as(ALICE).header("If-Match", "\"stale\"").delete(path(name)).then().statusCode(412);
        as(ALICE).get("/api/v1/entities/widget/default/x").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void validateAnswersPerDocumentWithoutStoring() {
        String good = unique("lint-ok");
        String body = component(good, "payments") + "---\n" + component("Not Valid", "payments");
        yaml(ALICE, body).post("/api/v1/entities/validate").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("documents", hasSize(2))
                .body("documents[0].valid", equalTo(true))
                .body("documents[0].entityRef", equalTo("component:default/" + good))
                .body("documents[1].valid", equalTo(false))
                .body("documents[1].violations[0].field", equalTo("$.metadata.name"));
        as(ALICE).get(path(good)).then().statusCode(404);
        // JSON works too, as one object or an array.
        as(ALICE).contentType("application/json").body("""
                {"apiVersion":"backstage.io/v1alpha1","kind":"System","metadata":{"name":"s1"},"spec":{"owner":"payments"}}
                """).post("/api/v1/entities/validate").then().statusCode(200).body("valid", equalTo(true));
        as(ALICE).contentType("application/yaml").body("").post("/api/v1/entities/validate").then().statusCode(400)
                .body("violations[0].field", equalTo("$"));
    }

    @Test
    void deleteStaysDeletedUntilReRegistered() {
        String name = unique("phoenix");
        yaml(ALICE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201);
        as(ALICE).delete(path(name)).then().statusCode(204);

        yaml(ALICE, component(name, "payments")).post("/api/v1/entities/import").then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("$[0]"))
                .body("violations[0].message", equalTo("deleted, re-register explicitly (POST /api/v1/entities)"));
        as(ALICE).get(path(name)).then().statusCode(404);

        yaml(ALICE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201);
        as(ALICE).get(path(name)).then().statusCode(200);
        as(ALICE).get(path(name) + "/history").then().body("action", contains("reregistered", "deleted", "created"));
    }
}
