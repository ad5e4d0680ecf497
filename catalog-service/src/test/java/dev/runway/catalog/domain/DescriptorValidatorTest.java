package dev.runway.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.runway.common.error.Problem.Violation;

/** The rule table: each row changes one field of a valid descriptor and states the expected verdict. */
class DescriptorValidatorTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String REMOVE = "<remove>";
    private final DescriptorValidator validator = new DescriptorValidator();

    static final Map<String, String> BASE = Map.of(
            "Component", """
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata: {name: artist-web, description: The place to be, tags: [java, web]}
                    spec: {type: website, lifecycle: production, owner: artist-relations-team, system: artist-engagement}
                    """,
            "API", """
                    apiVersion: backstage.io/v1alpha1
                    kind: API
                    metadata: {name: artist-api}
                    spec: {type: openapi, lifecycle: production, owner: payments, definition: "openapi: 3.0.0"}
                    """,
            "Resource", """
                    apiVersion: backstage.io/v1alpha1
                    kind: Resource
                    metadata: {name: artists-db}
                    spec: {type: database, owner: payments}
                    """,
            "System", "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: {name: s}\nspec: {owner: payments}\n",
            "Domain", "apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata: {name: d}\nspec: {owner: payments}\n",
            "Group", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: payments}\nspec: {type: team, children: []}\n",
            "User", "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: alice}\nspec: {memberOf: [payments]}\n",
            "Location", "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: loc}\nspec: {}\n",
            "Template", """
                    apiVersion: scaffolder.backstage.io/v1beta3
                    kind: Template
                    metadata: {name: springboot-service, title: Spring Boot service}
                    spec:
                      owner: payments
                      type: service
                      parameters:
                        - title: Name
                          required: [name]
                          properties: {name: {type: string}}
                      steps:
                        - {id: fetch, name: Fetch, action: 'fetch:template', input: {url: ./skeleton}}
                        - {id: publish, action: 'publish:github', if: '${{ parameters.publish }}'}
                      output:
                        links: [{title: Repository, url: '${{ steps.publish.output.remoteUrl }}'}]
                        repoUrl: '${{ steps.publish.output.remoteUrl }}'
                    """);

    static Stream<Arguments> rows() {
        return Stream.of(
                // kind, field path (dot-separated), new YAML value or REMOVE, expected violation path or null (valid)
                row("Component", "", null, null),
                row("API", "", null, null),
                row("Resource", "", null, null),
                row("System", "", null, null),
                row("Domain", "", null, null),
                row("Group", "", null, null),
                row("User", "", null, null),
                row("Location", "", null, null),
                // envelope
                row("Component", "apiVersion", REMOVE, "$.apiVersion"),
                row("Component", "apiVersion", "backstage.io/v1beta1", null),
                row("Component", "apiVersion", "backstage.io/v2", "$.apiVersion"),
                row("Component", "apiVersion", "not a/version/x", "$.apiVersion"),
                row("Component", "apiVersion", "42", "$.apiVersion"),
                row("Component", "kind", REMOVE, "$.kind"),
                row("Component", "kind", "Widget", "$.kind"),
                row("Component", "kind", "component", "$.kind"),
                row("Component", "kind", "1Component", "$.kind"),
                row("Component", "extra", "x", "$.extra"),
                // Backstage's NoForeignRootFieldsEntityPolicy: relations and status are outputs, refused in input.
                row("Component", "status", "{items: []}", "$.status"),
                row("Component", "relations", "[{type: ownedBy, targetRef: 'group:default/x'}]", "$.relations"),
                row("Component", "metadata", REMOVE, "$.metadata"),
                row("Component", "metadata", "[]", "$.metadata"),
                row("Component", "spec", REMOVE, "$.spec"),
                row("Component", "spec", "text", "$.spec"),
                // name
                row("Component", "metadata.name", REMOVE, "$.metadata.name"),
                row("Component", "metadata.name", "a", null),
                row("Component", "metadata.name", "Artist_Web.v2", null),
                row("Component", "metadata.name", "-artist", "$.metadata.name"),
                row("Component", "metadata.name", "artist-", "$.metadata.name"),
                row("Component", "metadata.name", "artist web", "$.metadata.name"),
                row("Component", "metadata.name", "a".repeat(63), null),
                row("Component", "metadata.name", "a".repeat(64), "$.metadata.name"),
                // namespace
                row("Component", "metadata.namespace", "team-a", null),
                row("Component", "metadata.namespace", "Team-A", "$.metadata.namespace"),
                row("Component", "metadata.namespace", "team_a", "$.metadata.namespace"),
                row("Component", "metadata.namespace", "b".repeat(64), "$.metadata.namespace"),
                // title, description
                row("Component", "metadata.title", "Artist Web", null),
                row("Component", "metadata.title", "[1]", "$.metadata.title"),
                row("Component", "metadata.description", "{a: 1}", "$.metadata.description"),
                // tags
                row("Component", "metadata.tags", "[java, c++, c#, 'lang:go', a-b]", null),
                row("Component", "metadata.tags", "[Java]", "$.metadata.tags[0]"),
                row("Component", "metadata.tags", "[ok, 'two words']", "$.metadata.tags[1]"),
                row("Component", "metadata.tags", "['']", "$.metadata.tags[0]"),
                row("Component", "metadata.tags", "['" + "t".repeat(64) + "']", "$.metadata.tags[0]"),
                row("Component", "metadata.tags", "java", "$.metadata.tags"),
                // labels
                row("Component", "metadata.labels", "{tier: gold, 'example.com/owner': team-a, empty: ''}", null),
                row("Component", "metadata.labels", "{'Bad_Prefix/x': y}", "$.metadata.labels.Bad_Prefix/x"),
                row("Component", "metadata.labels", "{'a/b/c': y}", "$.metadata.labels.a/b/c"),
                row("Component", "metadata.labels", "{tier: 'gold plated'}", "$.metadata.labels.tier"),
                row("Component", "metadata.labels", "{tier: 3}", "$.metadata.labels.tier"),
                row("Component", "metadata.labels", "{name: x}", "$.metadata.labels.name"),
                // annotations
                row("Component", "metadata.annotations", "{'backstage.io/techdocs-ref': 'dir:.', 'github.com/project-slug': 'a b c'}", null),
                row("Component", "metadata.annotations", "{'-bad': x}", "$.metadata.annotations.-bad"),
                row("Component", "metadata.annotations", "{ok: [1]}", "$.metadata.annotations.ok"),
                row("Component", "metadata.annotations", "{spec: x}", "$.metadata.annotations.spec"),
                // links
                row("Component", "metadata.links", "[{url: 'https://example.com/dash', title: Dashboard, icon: dashboard, type: admin}]", null),
                row("Component", "metadata.links", "[{title: Dashboard}]", "$.metadata.links[0].url"),
                row("Component", "metadata.links", "[{url: 'not a url'}]", "$.metadata.links[0].url"),
                row("Component", "metadata.links", "[{url: 'https://x.example', title: ''}]", "$.metadata.links[0].title"),
                row("Component", "metadata.links", "[{url: 'https://x.example', icon: 'bad icon'}]", "$.metadata.links[0].icon"),
                row("Component", "metadata.links", "{url: 'https://x.example'}", "$.metadata.links"),
                // reserved spec keys
                row("Component", "spec.name", "x", "$.spec.name"),
                // entity refs
                row("Component", "spec.owner", "group:default/payments", null),
                row("Component", "spec.owner", "user:alice", null),
                row("Component", "spec.owner", "group:", "$.spec.owner"),
                row("Component", "spec.owner", "':payments'", "$.spec.owner"),
                row("Component", "spec.owner", "group:/payments", "$.spec.owner"),
                row("Component", "spec.owner", "[a]", "$.spec.owner"),
                row("Component", "spec.dependsOn", "['resource:artists-db', 'component:other/x']", null),
                row("Component", "spec.dependsOn", "[artists-db]", "$.spec.dependsOn[0]"),
                row("Component", "spec.dependsOn", "resource:artists-db", "$.spec.dependsOn"),
                row("Component", "spec.providesApis", "[artist-api, '']", "$.spec.providesApis[1]"),
                // required spec fields per kind
                row("Component", "spec.type", REMOVE, "$.spec.type"),
                row("Component", "spec.type", "''", "$.spec.type"),
                row("Component", "spec.lifecycle", REMOVE, "$.spec.lifecycle"),
                row("Component", "spec.owner", REMOVE, "$.spec.owner"),
                row("API", "spec.definition", REMOVE, "$.spec.definition"),
                row("API", "spec.type", REMOVE, "$.spec.type"),
                row("API", "spec.lifecycle", REMOVE, "$.spec.lifecycle"),
                row("API", "spec.owner", REMOVE, "$.spec.owner"),
                row("Resource", "spec.type", REMOVE, "$.spec.type"),
                row("Resource", "spec.owner", REMOVE, "$.spec.owner"),
                row("System", "spec.owner", REMOVE, "$.spec.owner"),
                row("Domain", "spec.owner", REMOVE, "$.spec.owner"),
                row("Group", "spec.type", REMOVE, "$.spec.type"),
                row("Group", "spec.children", REMOVE, "$.spec.children"),
                row("Group", "spec.children", "payments", "$.spec.children"),
                row("Group", "spec.profile", "text", "$.spec.profile"),
                row("User", "spec.memberOf", REMOVE, "$.spec.memberOf"),
                row("User", "spec.memberOf", "[]", null),
                row("Location", "spec.presence", "sometimes", "$.spec.presence"),
                row("Location", "spec.targets", "[./a.yaml, 3]", "$.spec.targets"),
                row("Location", "spec.targets", "[./a.yaml, ./b.yaml]", null),
                // Template (scaffolder.backstage.io/v1beta3), as Template.v1beta3.schema.json
                row("Template", "", null, null),
                row("Template", "apiVersion", "backstage.io/v1alpha1", "$.apiVersion"),
                row("Component", "apiVersion", "scaffolder.backstage.io/v1beta3", "$.apiVersion"),
                row("Template", "spec.type", REMOVE, "$.spec.type"),
                row("Template", "spec.type", "''", "$.spec.type"),
                row("Template", "spec.steps", REMOVE, "$.spec.steps"),
                row("Template", "spec.steps", "{action: x}", "$.spec.steps"),
                row("Template", "spec.steps", "[]", null),
                row("Template", "spec.steps", "[{id: a}]", "$.spec.steps[0].action"),
                row("Template", "spec.steps", "[{action: 7}]", "$.spec.steps[0].action"),
                row("Template", "spec.steps", "[{action: x, input: text}]", "$.spec.steps[0].input"),
                row("Template", "spec.steps", "[{action: x, if: false}]", null),
                row("Template", "spec.steps", "[{action: x, if: 3}]", "$.spec.steps[0].if"),
                row("Template", "spec.parameters", REMOVE, null),
                row("Template", "spec.parameters", "{properties: {}}", null),
                row("Template", "spec.parameters", "text", "$.spec.parameters"),
                row("Template", "spec.parameters", "[text]", "$.spec.parameters"),
                row("Template", "spec.output", "{repoUrl: 3}", "$.spec.output.repoUrl"),
                row("Template", "spec.owner", REMOVE, null),
                row("Template", "spec.owner", "''", "$.spec.owner"),
                row("Template", "spec.owner", "group:", "$.spec.owner"),
                row("Template", "spec.name", "x", "$.spec.name"));
    }

    private static Arguments row(String kind, String path, String value, String expectedViolation) {
        return Arguments.of(kind, path, value, expectedViolation);
    }

    @ParameterizedTest(name = "{0} {1} = {2} -> {3}")
    @MethodSource("rows")
    void rule(String kind, String path, String value, String expectedViolation) throws Exception {
        ObjectNode doc = (ObjectNode) YAML.readTree(BASE.get(kind));
        if (!path.isEmpty()) {
            apply(doc, path, value);
        }
        DescriptorValidator.Result result = validator.validate(doc);
        if (expectedViolation == null) {
            assertTrue(result.valid(), () -> "expected valid, got " + result.violations());
        } else {
            List<String> fields = result.violations().stream().map(Violation::field).toList();
            assertEquals(List.of(expectedViolation), fields, () -> result.violations().toString());
        }
    }

    private static void apply(ObjectNode doc, String path, String value) throws Exception {
        String[] parts = path.split("\\.");
        ObjectNode parent = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (REMOVE.equals(value)) {
            parent.remove(last);
        } else {
            JsonNode parsed = YAML.readTree(value);
            parent.set(last, parsed);
        }
    }

    @Test
    void normalizesAndComputesCanonicalRefsAndRelations() throws Exception {
        JsonNode doc = YAML.readTree("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: Artist-Web, namespace: music, uid: x, etag: y, generation: 3, tags: [web]}
                spec:
                  type: service
                  lifecycle: production
                  owner: Payments
                  system: default/Artist-Engagement
                  providesApis: [artist-api]
                  dependsOn: ['Resource:artists-db']
                """);
        ValidatedEntity e = validator.validate(doc).entity();
        assertEquals("component:music/artist-web", e.ref().canonical());
        assertEquals("group:music/payments", e.ownerRef());
        assertEquals("system:default/artist-engagement", e.systemRef());
        assertEquals("music", e.body().path("metadata").path("namespace").asText());
        assertTrue(e.body().path("metadata").path("uid").isMissingNode());
        assertEquals(List.of(
                new Relation("component:music/artist-web", RelationType.OWNED_BY, "group:music/payments"),
                new Relation("component:music/artist-web", RelationType.PART_OF, "system:default/artist-engagement"),
                new Relation("component:music/artist-web", RelationType.PROVIDES_API, "api:music/artist-api"),
                new Relation("component:music/artist-web", RelationType.DEPENDS_ON, "resource:music/artists-db")),
                e.relations());
    }

    @Test
    void reportsEveryViolationAtOnce() throws Exception {
        JsonNode doc = YAML.readTree("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: 'bad name', namespace: BAD}
                spec: {type: service}
                """);
        List<String> fields = validator.validate(doc).violations().stream().map(Violation::field).toList();
        assertEquals(List.of("$.metadata.name", "$.metadata.namespace", "$.spec.lifecycle", "$.spec.owner"), fields);
    }

    @Test
    void aRegisteredKindIsCheckedAgainstItsSchemaAndRelatedThroughItsReferenceFields() throws Exception {
        SpecSchema schema = SpecSchema.compile(YAML.readTree("""
                type: object
                required: [maintainer]
                properties:
                  maintainer: {type: string}
                  feeds: {type: array, items: {type: string}}
                  retention: {type: integer, minimum: 1}
                """));
        KindDefinition dataset = new KindDefinition("Dataset", List.of("data.example.com/v1"), List.of(
                EntityKind.RefField.single("maintainer", "Group", RelationType.OWNED_BY),
                EntityKind.RefField.many("feeds", "Component", RelationType.DEPENDENCY_OF)), schema, null);
        Map<String, KindDefinition> kinds = new java.util.LinkedHashMap<>(KindLookup.BUILT_IN.all());
        kinds.put("dataset", dataset);
        DescriptorValidator custom = new DescriptorValidator(() -> kinds);
        String doc = """
                apiVersion: data.example.com/v1
                kind: Dataset
                metadata: {name: clicks, namespace: analytics}
                spec: {maintainer: data-team, feeds: [reporting], retention: 30}
                """;
        ValidatedEntity e = custom.validate(YAML.readTree(doc)).entity();
        assertEquals("dataset:analytics/clicks", e.ref().canonical());
        assertEquals("group:analytics/data-team", e.ownerRef());
        assertEquals(List.of(
                new Relation("dataset:analytics/clicks", RelationType.OWNED_BY, "group:analytics/data-team"),
                new Relation("dataset:analytics/clicks", RelationType.DEPENDENCY_OF, "component:analytics/reporting")),
                e.relations());
        assertEquals(List.of("$.spec.retention"), fields(custom, doc.replace("retention: 30", "retention: 0")));
        assertEquals(List.of("$.spec.maintainer"), fields(custom, doc.replace("maintainer: data-team, ", "")));
        assertEquals(List.of("$.spec.maintainer"), fields(custom, doc.replace("data-team", "'group:'")));
        assertEquals(List.of("$.apiVersion"), fields(custom, doc.replace("data.example.com/v1",
                "backstage.io/v1alpha1")));
        assertEquals(List.of("$.spec.name"), fields(custom, doc.replace("retention: 30", "name: x")));
        // Unknown to the built-in-only validator.
        assertEquals(List.of("$.kind"), fields(validator, doc));
    }

    @Test
    void schemasThatWouldReachOutOrAreNotDraft07AreRefused() throws Exception {
        assertTrue(SpecSchema.problems(YAML.readTree("{type: object, properties: {x: {$ref: 'https://example.com/s'}}}"))
                .get(0).startsWith("$.properties.x.$ref"));
        assertTrue(SpecSchema.problems(YAML.readTree("{$schema: 'https://json-schema.org/draft/2020-12/schema'}"))
                .get(0).startsWith("$.$schema"));
        assertTrue(SpecSchema.problems(YAML.readTree("{type: objekt}")).size() > 0);
        assertTrue(SpecSchema.problems(YAML.readTree("[1]")).size() > 0);
        assertEquals(List.of(), SpecSchema.problems(YAML.readTree(
                "{definitions: {s: {type: string}}, properties: {a: {$ref: '#/definitions/s'}}}")));
    }

    private static List<String> fields(DescriptorValidator v, String yaml) throws Exception {
        return v.validate(YAML.readTree(yaml)).violations().stream().map(Violation::field).toList();
    }
}
