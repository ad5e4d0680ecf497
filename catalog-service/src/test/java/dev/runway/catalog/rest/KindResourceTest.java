package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.CAROL;
import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.ERIN;
import static dev.runway.catalog.rest.CatalogTestSupport.NOBODY;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.component;
import static dev.runway.catalog.rest.CatalogTestSupport.query;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static dev.runway.catalog.rest.InsightsTestSupport.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Custom kinds declared as data, the built-in Template kind, and imports of files mixing them. */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class KindResourceTest {
    private static final String SERVICE = TestTokens.service("provisioning-service");

    /** A kind name: letters and digits only (Backstage's kind rule), unique per test run. */
    static String kindName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** A Pipeline-like kind: spec.type and spec.owner required, owner relates (ownedBy), runsOn depends. */
    static Map<String, Object> pipelineKind() {
        return Map.of("description", "CI pipelines", "apiVersions", List.of("example.com/v1", "example.com/v2"),
                "specSchema", Map.of("type", "object", "required", List.of("type", "owner"),
                        "properties", Map.of("type", Map.of("type", "string", "minLength", 1),
                                "owner", Map.of("type", "string"),
                                "runsOn", Map.of("type", "array", "items", Map.of("type", "string")),
                                "stages", Map.of("type", "integer", "minimum", 1))),
                "relations", List.of(Map.of("field", "owner", "relation", "ownedBy", "defaultKind", "Group"),
                        Map.of("field", "runsOn", "relation", "dependsOn", "array", true)));
    }

    static String pipeline(String kind, String name, String owner, String extra) {
        return """
                apiVersion: example.com/v1
                kind: %s
                metadata:
                  name: %s
                  description: Builds the %s with gradle
                spec:
                  type: gradle
                  owner: %s
                  runsOn: ['resource:build-cluster']
                %s""".formatted(kind, name, name, owner, extra);
    }

    @Test
    void aRegisteredKindIsValidatedStoredListedSearchedAndRelated() {
        String kind = kindName("Pipeline");
        String lower = kind.toLowerCase(Locale.ROOT);
        json(DAVE, pipelineKind()).put("/api/v1/kinds/" + kind).then().statusCode(201)
                .header("Location", containsString("/api/v1/kinds/" + kind))
                .body("name", equalTo(kind)).body("builtin", equalTo(false)).body("version", equalTo(1))
                .body("relations.relation", contains("ownedBy", "dependsOn"));
        as(ERIN).get("/api/v1/kinds/" + lower).then().statusCode(200).body("name", equalTo(kind))
                .body("specSchema.required", contains("type", "owner")).body("updatedBy", equalTo("dave"));
        as(ERIN).get("/api/v1/kinds").then().statusCode(200).body("name", hasItems("Component", "Template", kind));

        String name = unique("nightly");
        yaml(ALICE, pipeline(kind, name, "payments", "")).post("/api/v1/entities").then().statusCode(201)
                .body("relations", hasItems(
                        Map.of("type", "ownedBy", "targetRef", "group:default/payments", "resolved", true),
                        Map.of("type", "dependsOn", "targetRef", "resource:default/build-cluster",
                                "resolved", false)));
        // Stored, by path in any case; listed by kind; found by a word of its description; related from the team.
        as(ERIN).get("/api/v1/entities/" + kind.toUpperCase(Locale.ROOT) + "/default/" + name).then()
                .statusCode(200).body("kind", equalTo(kind));
        as(ERIN).queryParam("kind", lower).get("/api/v1/entities").then().statusCode(200)
                .body("items.metadata.name", contains(name));
        as(ERIN).queryParam("q", "gradle").queryParam("kind", kind).get("/api/v1/entities").then().statusCode(200)
                .body("items.metadata.name", hasItem(name));
        as(ERIN).queryParam("owner", "payments").queryParam("kind", kind).get("/api/v1/entities").then()
                .statusCode(200).body("items.metadata.name", contains(name));
        // Without a kind, a filtered page asks every kind in turn (V8's indexes lead with kind): registered ones too.
        as(ERIN).queryParam("owner", "payments").queryParam("q", name).queryParam("limit", 500)
                .get("/api/v1/entities").then().statusCode(200).body("items.metadata.name", hasItem(name));
        as(ERIN).queryParam("field", "kind").queryParam("owner", "payments").get("/api/v1/entities/facets").then()
                .statusCode(200).body("values.value", hasItem(lower));
        as(ERIN).get("/api/v1/entities/group/default/payments").then().statusCode(200)
                .body("relations", hasItem(Map.of("type", "ownerOf", "targetRef", lower + ":default/" + name,
                        "resolved", true)));
        // The owning-team rule holds for custom kinds as for built-in ones.
        yaml(CAROL, pipeline(kind, unique("theirs"), "payments", "")).post("/api/v1/entities").then()
                .statusCode(403);

        // Validated against the registered schema and apiVersions, violations named by path.
        yaml(ALICE, pipeline(kind, unique("bad"), "payments", "  stages: 0\n")).post("/api/v1/entities").then()
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", contains("$.spec.stages"));
        yaml(ALICE, pipeline(kind, unique("bad"), "payments", "").replace("example.com/v1", "example.com/v3"))
                .post("/api/v1/entities").then().statusCode(400).body("violations.field", contains("$.apiVersion"))
                .body("violations[0].message", containsString("example.com/v1 or example.com/v2"));
        yaml(ALICE, pipeline(kind, unique("bad"), "payments", "").replace("  type: gradle\n", ""))
                .post("/api/v1/entities").then().statusCode(400).body("violations.field", contains("$.spec.type"));
        yaml(ALICE, pipeline(kind.toLowerCase(Locale.ROOT), unique("bad"), "payments", ""))
                .post("/api/v1/entities").then().statusCode(400)
                .body("violations[0].message", containsString("did you mean " + kind));

        // Not removable while an entity of it lives; removable after.
        as(DAVE).delete("/api/v1/kinds/" + kind).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("still has 1 entity"));
        as(ALICE).delete("/api/v1/entities/" + lower + "/default/" + name).then().statusCode(204);
        as(DAVE).delete("/api/v1/kinds/" + kind).then().statusCode(204);
        as(ERIN).get("/api/v1/kinds/" + kind).then().statusCode(404);
        yaml(ALICE, pipeline(kind, unique("late"), "payments", "")).post("/api/v1/entities").then().statusCode(400)
                .body("violations.field", contains("$.kind"));
        as(ERIN).queryParam("kind", kind).get("/api/v1/entities").then().statusCode(400);

        assertEquals(List.of(List.of("catalog.kind.create", "success", "dave"),
                List.of("catalog.kind.delete", "success", "dave")),
                query("SELECT action, outcome, actor FROM audit_outbox WHERE resource = 'kind:" + lower
                        + "' ORDER BY occurred_at, action"));
    }

    @Test
    void replacingAKindBumpsItsVersionAndAppliesToLaterWrites() {
        String kind = kindName("Dataset");
        json(DAVE, pipelineKind()).put("/api/v1/kinds/" + kind).then().statusCode(201);
        Map<String, Object> stricter = new java.util.HashMap<>(pipelineKind());
        stricter.put("apiVersions", List.of("example.com/v2"));
        json(DAVE, stricter).put("/api/v1/kinds/" + kind).then().statusCode(200).body("version", equalTo(2))
                .body("apiVersions", contains("example.com/v2"));
        yaml(ALICE, pipeline(kind, unique("d"), "payments", "")).post("/api/v1/entities").then().statusCode(400)
                .body("violations.field", contains("$.apiVersion"));
        // Kinds match case-sensitively in descriptors, so a respelling is not an update.
        json(DAVE, pipelineKind()).put("/api/v1/kinds/" + kind.toLowerCase(Locale.ROOT)).then().statusCode(409);
    }

    @Test
    void badKindDefinitionsAreRefusedFieldByField() {
        String kind = kindName("Broken");
        json(DAVE, Map.of("apiVersions", List.of("example.com/v1", "not a/version/x"),
                "specSchema", Map.of("type", "object", "properties", Map.of("x", Map.of("$ref",
                        "http://169.254.169.254/latest/meta-data"))),
                "relations", List.of(Map.of("field", "owner", "relation", "ownsStuff"),
                        Map.of("field", "owner", "relation", "ownedBy", "defaultKind", "1x"),
                        Map.of("field", "namespace", "relation", "partOf")),
                "colour", "blue")).put("/api/v1/kinds/" + kind).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItems("$.apiVersions[1]", "$.specSchema", "$.relations[0].relation",
                        "$.relations[1].field", "$.relations[1].defaultKind", "$.relations[2].field", "$.colour"));
        json(DAVE, Map.of("apiVersions", List.of("example.com/v1"), "specSchema", Map.of("type", "objekt")))
                .put("/api/v1/kinds/" + kind).then().statusCode(400).body("violations.field", contains("$.specSchema"));
        json(DAVE, Map.of("apiVersions", List.of())).put("/api/v1/kinds/" + kind).then().statusCode(400)
                .body("violations.field", hasItems("$.apiVersions", "$.specSchema"));
        json(DAVE, pipelineKind()).put("/api/v1/kinds/1bad").then().statusCode(400)
                .body("violations.field", contains("kind"));
        as(ERIN).get("/api/v1/kinds/" + kind).then().statusCode(404);
        // Built-in kinds are not data.
        json(DAVE, pipelineKind()).put("/api/v1/kinds/component").then().statusCode(409)
                .body("detail", containsString("Component is a built-in kind"));
        as(DAVE).delete("/api/v1/kinds/Template").then().statusCode(409);
    }

    @Test
    void builtInKindsAreListedWithTemplate() {
        as(ERIN).get("/api/v1/kinds").then().statusCode(200)
                .body("name", hasItems("Component", "API", "Resource", "System", "Domain", "Group", "User",
                        "Location", "Template"));
        as(ERIN).get("/api/v1/kinds/template").then().statusCode(200).body("builtin", equalTo(true))
                .body("apiVersions", contains("scaffolder.backstage.io/v1beta3"))
                .body("specSchema.required", contains("type", "steps")).body("version", nullValue());
        as(ERIN).get("/api/v1/kinds/component").then().statusCode(200).body("specSchema", nullValue())
                .body("relations.field", hasItems("owner", "system", "dependsOn"));
    }

    @Test
    void templatesAreStoredAndOwned() {
        String name = unique("springboot");
        yaml(ALICE, """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: %s, title: Spring Boot service}
                spec:
                  owner: payments
                  type: service
                  parameters: [{title: Name, required: [name], properties: {name: {type: string}}}]
                  steps:
                    - {id: fetch, name: Fetch, action: 'fetch:template', input: {url: ./skeleton}}
                  output: {links: [{title: Repo, url: '${{ steps.publish.output.remoteUrl }}'}]}
                """.formatted(name)).post("/api/v1/entities").then().statusCode(201)
                .body("relations", hasItem(Map.of("type", "ownedBy", "targetRef", "group:default/payments",
                        "resolved", true)));
        as(ERIN).queryParam("kind", "template").get("/api/v1/entities").then().statusCode(200)
                .body("items.metadata.name", hasItem(name));
        yaml(ALICE, """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: %s}
                spec: {type: service, steps: [{name: no-action}]}
                """.formatted(unique("t"))).post("/api/v1/entities").then().statusCode(400)
                .body("violations.field", contains("$.spec.steps[0].action"));
    }

    @Test
    void aNonAtomicImportStoresWhatIsValidAndReportsTheRest() {
        String kind = kindName("Pipeline");
        json(DAVE, pipelineKind()).put("/api/v1/kinds/" + kind).then().statusCode(201);
        String c = unique("imported");
        String p = unique("pipe");
        String t = unique("tmpl");
        String file = component(c, "payments") + "---\n" + pipeline(kind, p, "payments", "") + "---\n" + """
                apiVersion: scaffolder.backstage.io/v1beta3
                kind: Template
                metadata: {name: %s}
                spec: {owner: payments, type: service, steps: [{action: 'fetch:plain'}]}
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: gadget}
                spec: {}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: Bad Name}
                spec: {type: service, owner: payments}
                """.formatted(t);
        // Atomic by default: nothing stored.
        yaml(ALICE, file).post("/api/v1/entities/import").then().statusCode(422)
                .body("violations.field", hasItems("$[3].kind", "$[4].metadata.name"));
        as(ERIN).get("/api/v1/entities/component/default/" + c).then().statusCode(404);

        yaml(ALICE, file).queryParam("atomic", false).post("/api/v1/entities/import").then().statusCode(200)
                .body("applied", equalTo(true)).body("created", equalTo(3)).body("rejected", equalTo(2))
                .body("items.outcome", contains("created", "created", "created", "rejected", "rejected"))
                .body("items[1].entityRef", equalTo(kind.toLowerCase(Locale.ROOT) + ":default/" + p))
                .body("items[3].violations[0].field", equalTo("$.kind"))
                .body("items[3].violations[0].message", containsString("unknown kind \"Widget\""))
                .body("items[4].violations.field", hasItem("$.metadata.name"));
        as(ERIN).get("/api/v1/entities/component/default/" + c).then().statusCode(200);
        as(ERIN).get("/api/v1/entities/" + kind + "/default/" + p).then().statusCode(200);
        as(ERIN).get("/api/v1/entities/template/default/" + t).then().statusCode(200);
    }

    @Test
    void aKindRegisteredByAnotherReplicaIsHonouredWithoutARestart() throws InterruptedException {
        String kind = kindName("Remote");
        // This replica looks the kind up first (and so holds a snapshot without it)...
        as(ERIN).queryParam("kind", kind).get("/api/v1/entities").then().statusCode(400);
        // ...then another replica registers it: a row in the shared database, with no event reaching this one.
        query("INSERT INTO entity_kind (name, wire_name, api_versions, spec_schema, ref_fields, version, updated_at,"
                + " updated_by) VALUES ('" + kind.toLowerCase(Locale.ROOT) + "', '" + kind + "', ARRAY['example.com/v1'],"
                + " '{\"type\": \"object\"}', '[]', 1, now(), 'dave') RETURNING name");
        // Honoured once this replica's snapshot is older than runway.catalog.kinds-refresh; the deadline is only
        // there so that a broken refresh fails the test instead of hanging it.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        int status;
        do {
            Thread.sleep(200);
            status = as(ERIN).queryParam("kind", kind).get("/api/v1/entities").statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status);
        // No reference field makes an owner here, so only a platform-admin may write entities of this kind.
        yaml(DAVE, pipeline(kind, unique("remote"), "payments", "")).post("/api/v1/entities").then().statusCode(201);
        yaml(ALICE, pipeline(kind, unique("remote"), "payments", "")).post("/api/v1/entities").then().statusCode(403);
    }

    @Test
    void onlyPlatformAdminsWriteKinds() {
        for (String token : new String[] { ALICE, ERIN, SERVICE }) {
            as(token).get("/api/v1/kinds").then().statusCode(200);
            as(token).get("/api/v1/kinds/component").then().statusCode(200);
        }
        String kind = kindName("Roles");
        for (String token : new String[] { NOBODY, ALICE, ERIN, SERVICE }) {
            json(token, pipelineKind()).put("/api/v1/kinds/" + kind).then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
        }
        json(null, pipelineKind()).put("/api/v1/kinds/" + kind).then().statusCode(401);
        as(null).get("/api/v1/kinds").then().statusCode(401);
        as(NOBODY).get("/api/v1/kinds").then().statusCode(403);
        json(DAVE, pipelineKind()).put("/api/v1/kinds/" + kind).then().statusCode(201);
        for (String token : new String[] { NOBODY, ALICE, ERIN, SERVICE }) {
            as(token).delete("/api/v1/kinds/" + kind).then().statusCode(403);
        }
        as(null).delete("/api/v1/kinds/" + kind).then().statusCode(401);
        as(DAVE).delete("/api/v1/kinds/" + kind).then().statusCode(204);
    }
}
