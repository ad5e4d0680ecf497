package dev.runway.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.runway.common.error.Problem.Violation;

/**
 * A corpus generated from the rules of {@code shared/reference/backstage-descriptor-rules.md} (Backstage's catalog
 * model: {@code KubernetesValidatorFunctions}, {@code makeValidator}, the entity policies, the kind schemas and
 * Template.v1beta3.schema.json): a valid entity of every built-in kind, then for each rule values built to satisfy
 * it and values built to break it, each with the verdict Backstage gives by construction. Runway must agree on every
 * case except the documented {@link Exception exceptions}, where the test pins Runway's own verdict instead.
 *
 * <p>The verdicts come from how each value is built (a name made of allowed characters, one with a forbidden one
 * inserted...), never from Runway's validator, so the corpus checks the validator rather than restating it. The
 * random source is seeded: every run generates the same corpus.
 */
class BackstageCorpusTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String TAG_CHARS = LOWER_ALNUM + ":+#";
    /** ReservedFieldsEntityPolicy's names, refused as spec, label and annotation keys. */
    private static final List<String> RESERVED = List.of("apiVersion", "kind", "uid", "etag", "generation", "name",
            "namespace", "labels", "annotations", "spec");
    private static final int SAMPLES = 30;

    /**
     * Where Runway decides differently from Backstage's validator, and why (also in {@link DescriptorValidator}'s
     * documentation).
     */
    enum Exception {
        /**
         * A relation field holding a string that Backstage's {@code parseEntityRef} refuses ({@code group:},
         * {@code :x}, {@code group:/x}, or a dependsOn target without a kind). Backstage's validator accepts any
         * non-empty string there; its processing then fails on the reference and the entity never reaches the
         * catalog. Runway computes relations at write time and refuses the entity then, naming the field.
         */
        MALFORMED_REFERENCE
    }

    /** One generated entity, its rule, Backstage's verdict and the path a refusal must name. */
    record Case(String rule, String kind, JsonNode doc, boolean backstageAccepts, String path, Exception exception) {
    }

    private static final Map<String, String> BASE = new LinkedHashMap<>(DescriptorValidatorTest.BASE);
    private static List<Case> corpus;
    private final DescriptorValidator validator = new DescriptorValidator();

    @BeforeAll
    static void generate() throws java.io.IOException {
        corpus = new Generator(new Random(19)).all();
    }

    @Test
    void runwayAgreesWithBackstageOnEveryCaseButTheDocumentedExceptions() {
        List<String> disagreements = new ArrayList<>();
        Map<String, int[]> perRule = new TreeMap<>();
        for (Case c : corpus) {
            DescriptorValidator.Result r = validator.validate(c.doc());
            boolean runwayAccepts = r.valid();
            boolean expected = c.exception() == null ? c.backstageAccepts() : !c.backstageAccepts();
            int[] counts = perRule.computeIfAbsent(c.rule(), k -> new int[2]);
            counts[0]++;
            if (runwayAccepts != expected) {
                disagreements.add(describe(c, r));
                continue;
            }
            // A refusal must be for the mutated rule: every violation lies at or under the mutated path.
            if (!runwayAccepts && !r.violations().stream().allMatch(v -> under(v.field(), c.path()))) {
                disagreements.add(describe(c, r));
                continue;
            }
            counts[1]++;
        }
        assertEquals(List.of(), disagreements, () -> disagreements.size() + " of " + corpus.size() + " cases");
        perRule.forEach((rule, n) -> assertEquals(n[0], n[1], rule));
    }

    @Test
    void theCorpusCoversEveryKindEveryRuleAndBothVerdicts() {
        Set<String> kinds = corpus.stream().map(Case::kind).collect(Collectors.toSet());
        assertEquals(BASE.keySet(), kinds);
        Map<String, Set<Boolean>> verdicts = corpus.stream().collect(Collectors.groupingBy(Case::kind,
                Collectors.mapping(Case::backstageAccepts, Collectors.toSet())));
        verdicts.forEach((kind, v) -> assertEquals(Set.of(true, false), v, kind));
        assertTrue(corpus.stream().map(Case::rule).distinct().count() > 80, "rules covered");
        assertTrue(corpus.size() > 3000, "corpus of " + corpus.size());
        long exceptions = corpus.stream().filter(c -> c.exception() != null).count();
        // The exceptions stay a small, listed minority.
        assertTrue(exceptions > 0 && exceptions * 20 < corpus.size(), exceptions + " exceptions");
        System.out.printf("Backstage corpus: %d cases, %d rules, %d documented exceptions: Runway agrees with"
                + " Backstage's validator on %.2f %%%n", corpus.size(), corpus.stream().map(Case::rule).distinct()
                        .count(), exceptions, 100.0 * (corpus.size() - exceptions) / corpus.size());
    }

    private static boolean under(String field, String path) {
        return field.equals(path) || field.startsWith(path + ".") || field.startsWith(path + "[");
    }

    private static String describe(Case c, DescriptorValidator.Result r) {
        return c.rule() + " [" + c.kind() + "] backstage " + (c.backstageAccepts() ? "accepts" : "refuses")
                + (c.exception() == null ? "" : " (exception " + c.exception() + ")") + ", runway: "
                + (r.valid() ? "accepts" : r.violations().stream().map(Violation::field).toList()) + " — "
                + c.doc();
    }

    /** Builds the corpus: values by construction, verdicts by construction. */
    private static final class Generator {
        private final Random rnd;
        private final List<Case> out = new ArrayList<>();

        Generator(Random rnd) {
            this.rnd = rnd;
        }

        List<Case> all() throws java.io.IOException {
            for (Map.Entry<String, String> e : BASE.entrySet()) {
                ObjectNode base = (ObjectNode) YAML.readTree(e.getValue());
                String kind = e.getKey();
                out.add(new Case("valid " + kind, kind, base, true, "$", null));
                envelope(kind, base);
                metadata(kind, base);
                reservedSpecKeys(kind, base);
            }
            requiredSpecFields();
            references();
            template();
            return out;
        }

        // --- envelope (4.1) ---------------------------------------------------------------------------------

        private void envelope(String kind, ObjectNode base) {
            List<String> versions = kind.equals("Template") ? List.of("scaffolder.backstage.io/v1beta3")
                    : List.of("backstage.io/v1alpha1", "backstage.io/v1beta1");
            versions.forEach(v -> add("apiVersion accepted by the kind schema", kind, base, true, "$.apiVersion",
                    d -> d.put("apiVersion", v)));
            for (String v : List.of("backstage.io/v2", "backstage.io/v1alpha2", "example.com/v1", "v1",
                    "scaffolder.backstage.io/v1beta2", kind.equals("Template") ? "backstage.io/v1alpha1"
                            : "scaffolder.backstage.io/v1beta3")) {
                add("apiVersion refused by the kind schema", kind, base, false, "$.apiVersion",
                        d -> d.put("apiVersion", v));
            }
            for (String v : List.of("", "/v1", "backstage.io/", "a/b/c", "Back_Stage.io/v1", "backstage.io/v-1",
                    "x".repeat(64))) {
                add("apiVersion malformed (isValidApiVersion)", kind, base, false, "$.apiVersion",
                        d -> d.put("apiVersion", v));
            }
            add("apiVersion missing", kind, base, false, "$.apiVersion", d -> d.remove("apiVersion"));
            add("apiVersion not a string", kind, base, false, "$.apiVersion", d -> d.put("apiVersion", 1));
            for (String k : List.of(kind.toLowerCase(), kind.toUpperCase().equals(kind) ? "Api" : kind.toUpperCase(),
                    "Widget", "Service")) {
                add("kind unknown or of another case", kind, base, false, "$.kind", d -> d.put("kind", k));
            }
            for (String k : List.of("", "1Component", "Com-ponent", "Com ponent", "K".repeat(64))) {
                add("kind malformed (isValidKind)", kind, base, false, "$.kind", d -> d.put("kind", k));
            }
            add("kind missing", kind, base, false, "$.kind", d -> d.remove("kind"));
            for (String field : List.of("relations", "status")) {
                add("read-only root field in input (NoForeignRootFieldsEntityPolicy)", kind, base, false,
                        "$." + field, d -> d.set(field, field.equals("status") ? F.objectNode().set("items",
                                F.arrayNode()) : F.arrayNode()));
            }
            for (int i = 0; i < 3; i++) {
                String field = "x" + objectName(1 + rnd.nextInt(10)).replaceAll("[-_.]", "");
                add("foreign root field (NoForeignRootFieldsEntityPolicy)", kind, base, false, "$." + field,
                        d -> d.put(field, "value"));
            }
            add("metadata missing", kind, base, false, "$.metadata", d -> d.remove("metadata"));
            add("metadata not an object", kind, base, false, "$.metadata", d -> d.set("metadata", F.arrayNode()));
            add("spec missing", kind, base, false, "$.spec", d -> d.remove("spec"));
            add("spec not an object", kind, base, false, "$.spec", d -> d.put("spec", "text"));
        }

        // --- metadata (4.2) ---------------------------------------------------------------------------------

        private void metadata(String kind, ObjectNode base) {
            for (int i = 0; i < SAMPLES; i++) {
                String name = objectName(1 + rnd.nextInt(63));
                add("metadata.name valid (isValidObjectName)", kind, base, true, "$.metadata.name",
                        d -> meta(d).put("name", name));
                String bad = badObjectName();
                add("metadata.name invalid (isValidObjectName)", kind, base, false, "$.metadata.name",
                        d -> meta(d).put("name", bad));
                String ns = dnsLabel(1 + rnd.nextInt(63));
                add("metadata.namespace valid (isValidDnsLabel)", kind, base, true, "$.metadata.namespace",
                        d -> meta(d).put("namespace", ns));
                String badNs = badDnsLabel();
                add("metadata.namespace invalid (isValidDnsLabel, lower case only)", kind, base, false,
                        "$.metadata.namespace", d -> meta(d).put("namespace", badNs));
                String tag = tag(1 + rnd.nextInt(63));
                add("metadata.tags valid", kind, base, true, "$.metadata.tags",
                        d -> meta(d).set("tags", F.arrayNode().add(tag(5)).add(tag)));
                String badTag = badTag();
                add("metadata.tags invalid", kind, base, false, "$.metadata.tags",
                        d -> meta(d).set("tags", F.arrayNode().add(tag(5)).add(badTag)));
                String key = labelKey();
                String value = rnd.nextInt(4) == 0 ? "" : objectName(1 + rnd.nextInt(63));
                add("metadata.labels valid", kind, base, true, "$.metadata.labels",
                        d -> meta(d).set("labels", F.objectNode().put(key, value)));
                String badKey = badLabelKey();
                add("metadata.labels key invalid", kind, base, false, "$.metadata.labels",
                        d -> meta(d).set("labels", F.objectNode().put(badKey, "v")));
                String badValue = badObjectName();
                if (!badValue.isEmpty()) {
                    add("metadata.labels value invalid", kind, base, false, "$.metadata.labels",
                            d -> meta(d).set("labels", F.objectNode().put(key, badValue)));
                }
                String annotation = anyText();
                String annotationKey = labelKey();
                String badAnnotationKey = badLabelKey();
                add("metadata.annotations valid (any string value)", kind, base, true, "$.metadata.annotations",
                        d -> meta(d).set("annotations", F.objectNode().put(annotationKey, annotation)));
                add("metadata.annotations key invalid", kind, base, false, "$.metadata.annotations",
                        d -> meta(d).set("annotations", F.objectNode().put(badAnnotationKey, annotation)));
                String title = "T" + anyText();
                String description = anyText();
                add("metadata.title and description any string", kind, base, true, "$.metadata",
                        d -> meta(d).put("title", title).put("description", description));
            }
            for (String reserved : RESERVED) {
                add("metadata.labels reserved key (ReservedFieldsEntityPolicy)", kind, base, false,
                        "$.metadata.labels", d -> meta(d).set("labels", F.objectNode().put(reserved, "x")));
                add("metadata.annotations reserved key (ReservedFieldsEntityPolicy)", kind, base, false,
                        "$.metadata.annotations", d -> meta(d).set("annotations", F.objectNode().put(reserved,
                                "x")));
            }
            add("metadata.name missing", kind, base, false, "$.metadata.name", d -> meta(d).remove("name"));
            add("metadata.name not a string", kind, base, false, "$.metadata.name", d -> meta(d).put("name", 7));
            add("metadata.namespace not a string", kind, base, false, "$.metadata.namespace",
                    d -> meta(d).set("namespace", F.arrayNode()));
            add("metadata.title not a string", kind, base, false, "$.metadata.title",
                    d -> meta(d).set("title", F.arrayNode().add(1)));
            add("metadata.description not a string", kind, base, false, "$.metadata.description",
                    d -> meta(d).set("description", F.objectNode()));
            add("metadata.tags not a list", kind, base, false, "$.metadata.tags", d -> meta(d).put("tags", "java"));
            add("metadata.tags item not a string", kind, base, false, "$.metadata.tags",
                    d -> meta(d).set("tags", F.arrayNode().add(3)));
            add("metadata.labels value not a string", kind, base, false, "$.metadata.labels",
                    d -> meta(d).set("labels", F.objectNode().put("tier", 3)));
            add("metadata.annotations value not a string", kind, base, false, "$.metadata.annotations",
                    d -> meta(d).set("annotations", F.objectNode().set("x", F.arrayNode())));
            add("metadata extra fields allowed", kind, base, true, "$.metadata",
                    d -> meta(d).put("owner-notes", "free form").set("custom", F.objectNode().put("a", 1)));
            add("metadata server-generated fields tolerated", kind, base, true, "$.metadata",
                    d -> meta(d).put("uid", "2b8a1c").put("etag", "abc").put("generation", 3));
            links(kind, base);
        }

        private void links(String kind, ObjectNode base) {
            for (String url : List.of("https://example.com/dashboard", "http://grafana.internal:3000/d/x?orgId=1",
                    "https://x.example/a#b", "mailto:team@example.com")) {
                add("metadata.links url valid", kind, base, true, "$.metadata.links",
                        d -> meta(d).set("links", F.arrayNode().add(link(url))));
            }
            for (String url : List.of("not a url", "relative/path", "", "://missing-scheme")) {
                add("metadata.links url invalid", kind, base, false, "$.metadata.links",
                        d -> meta(d).set("links", F.arrayNode().add(link(url))));
            }
            add("metadata.links url missing", kind, base, false, "$.metadata.links",
                    d -> meta(d).set("links", F.arrayNode().add(F.objectNode().put("title", "Dashboard"))));
            add("metadata.links title, icon, type valid", kind, base, true, "$.metadata.links",
                    d -> meta(d).set("links", F.arrayNode().add(link("https://x.example").put("title", "Docs")
                            .put("icon", objectName(8)).put("type", "runbook"))));
            add("metadata.links title empty", kind, base, false, "$.metadata.links",
                    d -> meta(d).set("links", F.arrayNode().add(link("https://x.example").put("title", ""))));
            add("metadata.links icon invalid", kind, base, false, "$.metadata.links",
                    d -> meta(d).set("links", F.arrayNode().add(link("https://x.example").put("icon",
                            badObjectName() + " x"))));
            add("metadata.links type not a string", kind, base, false, "$.metadata.links",
                    d -> meta(d).set("links", F.arrayNode().add(link("https://x.example").put("type", 1))));
            add("metadata.links not a list", kind, base, false, "$.metadata.links",
                    d -> meta(d).set("links", link("https://x.example")));
        }

        private void reservedSpecKeys(String kind, ObjectNode base) {
            for (String reserved : RESERVED) {
                add("spec reserved key (ReservedFieldsEntityPolicy)", kind, base, false, "$.spec." + reserved,
                        d -> spec(d).put(reserved, "x"));
            }
        }

        // --- spec per kind (4.4) ----------------------------------------------------------------------------

        private void requiredSpecFields() throws java.io.IOException {
            Map<String, List<String>> required = Map.of("Component", List.of("type", "lifecycle", "owner"),
                    "API", List.of("type", "lifecycle", "owner", "definition"), "Resource", List.of("type", "owner"),
                    "System", List.of("owner"), "Domain", List.of("owner"), "Group", List.of("type", "children"),
                    "User", List.of("memberOf"), "Template", List.of("type", "steps"));
            for (Map.Entry<String, List<String>> e : required.entrySet()) {
                ObjectNode base = (ObjectNode) YAML.readTree(BASE.get(e.getKey()));
                for (String field : e.getValue()) {
                    add("spec required field missing", e.getKey(), base, false, "$.spec." + field,
                            d -> spec(d).remove(field));
                }
            }
            for (String kind : List.of("Component", "API", "Resource", "Group", "Template")) {
                ObjectNode base = (ObjectNode) YAML.readTree(BASE.get(kind));
                add("spec.type empty", kind, base, false, "$.spec.type", d -> spec(d).put("type", ""));
                add("spec.type not a string", kind, base, false, "$.spec.type", d -> spec(d).put("type", 3));
                for (int i = 0; i < SAMPLES; i++) {
                    String type = anyText();
                    add("spec.type any non-empty string", kind, base, true, "$.spec.type",
                            d -> spec(d).put("type", type.isEmpty() ? "x" : type));
                }
            }
            ObjectNode location = (ObjectNode) YAML.readTree(BASE.get("Location"));
            add("Location spec may be empty", "Location", location, true, "$.spec", d -> d.set("spec",
                    F.objectNode()));
            add("Location targets strings", "Location", location, true, "$.spec.targets",
                    d -> spec(d).set("targets", F.arrayNode().add("./a.yaml").add("./b.yaml")));
            add("Location targets not strings", "Location", location, false, "$.spec.targets",
                    d -> spec(d).set("targets", F.arrayNode().add("./a.yaml").add(3)));
            for (String p : List.of("required", "optional")) {
                add("Location presence allowed", "Location", location, true, "$.spec.presence",
                        d -> spec(d).put("presence", p));
            }
            add("Location presence other", "Location", location, false, "$.spec.presence",
                    d -> spec(d).put("presence", "sometimes"));
            ObjectNode user = (ObjectNode) YAML.readTree(BASE.get("User"));
            add("User memberOf may be empty", "User", user, true, "$.spec.memberOf",
                    d -> spec(d).set("memberOf", F.arrayNode()));
            ObjectNode group = (ObjectNode) YAML.readTree(BASE.get("Group"));
            add("Group children may be empty", "Group", group, true, "$.spec.children",
                    d -> spec(d).set("children", F.arrayNode()));
            add("Group profile not an object", "Group", group, false, "$.spec.profile",
                    d -> spec(d).put("profile", "text"));
            add("Group profile object", "Group", group, true, "$.spec.profile",
                    d -> spec(d).set("profile", F.objectNode().put("displayName", "Payments")
                            .put("email", "payments@example.com")));
        }

        /** 4.3: every relation field of every kind, with references Backstage's parseEntityRef reads or not. */
        private void references() throws java.io.IOException {
            for (EntityKind kind : EntityKind.values()) {
                ObjectNode base = (ObjectNode) YAML.readTree(BASE.get(kind.wireName));
                for (EntityKind.RefField field : kind.refFields) {
                    String path = "$.spec." + field.field();
                    List<String> good = new ArrayList<>(List.of("artist-relations", "ns-a/artist-relations"));
                    String kindName = field.defaultKind() == null ? "resource" : field.defaultKind();
                    good.add(kindName + ":artist-relations");
                    good.add(kindName.toUpperCase() + ":Default/Artist_Relations.v2");
                    good.add(kindName + ":default/a:b");
                    for (String ref : good) {
                        boolean needsKind = field.defaultKind() == null && !ref.contains(":");
                        // Backstage's validator takes any non-empty string; without a kind, its processing fails.
                        add(needsKind ? "reference without the kind this field needs" : "reference well formed",
                                kind.wireName, base, true, path, d -> putRef(d, field, ref),
                                needsKind ? Exception.MALFORMED_REFERENCE : null);
                    }
                    for (String ref : List.of(kindName + ":", ":artist-relations", kindName + ":/artist-relations",
                            "default/", "/artist-relations", kindName + ":default/")) {
                        add("reference malformed for parseEntityRef", kind.wireName, base, true, path,
                                d -> putRef(d, field, ref), Exception.MALFORMED_REFERENCE);
                    }
                    add("reference empty string", kind.wireName, base, false, path, d -> putRef(d, field, ""));
                    add("reference not a string", kind.wireName, base, false, path,
                            d -> spec(d).set(field.field(), field.array() ? F.arrayNode().add(1) : F.numberNode(1)));
                    add(field.array() ? "reference list given a single value" : "reference given a list",
                            kind.wireName, base, false, path, d -> spec(d).set(field.field(), field.array()
                                    ? F.textNode("resource:x") : F.arrayNode().add("x")));
                }
            }
        }

        private void template() throws java.io.IOException {
            ObjectNode base = (ObjectNode) YAML.readTree(BASE.get("Template"));
            String kind = "Template";
            add("Template parameters optional", kind, base, true, "$.spec.parameters",
                    d -> spec(d).remove("parameters"));
            add("Template parameters object", kind, base, true, "$.spec.parameters",
                    d -> spec(d).set("parameters", F.objectNode().set("properties", F.objectNode())));
            add("Template parameters list of objects", kind, base, true, "$.spec.parameters",
                    d -> spec(d).set("parameters", F.arrayNode().add(F.objectNode()).add(F.objectNode())));
            for (JsonNode bad : List.<JsonNode>of(F.textNode("x"), F.numberNode(1), F.arrayNode().add("x"),
                    F.arrayNode().add(F.objectNode()).add(F.arrayNode()))) {
                add("Template parameters neither object nor list of objects", kind, base, false, "$.spec.parameters",
                        d -> spec(d).set("parameters", bad));
            }
            add("Template steps empty list", kind, base, true, "$.spec.steps",
                    d -> spec(d).set("steps", F.arrayNode()));
            add("Template steps not a list", kind, base, false, "$.spec.steps",
                    d -> spec(d).set("steps", step("fetch:plain")));
            for (int i = 0; i < SAMPLES; i++) {
                String action = objectName(1 + rnd.nextInt(20)) + ":" + objectName(1 + rnd.nextInt(20));
                add("Template step with action", kind, base, true, "$.spec.steps",
                        d -> spec(d).set("steps", F.arrayNode().add(step(action).put("id", objectName(6))
                                .put("name", anyText()).put("if", rnd.nextBoolean() ? "${{ parameters.x }}" : "")
                                .set("input", F.objectNode().put("url", "./skeleton")))));
            }
            add("Template step without action", kind, base, false, "$.spec.steps",
                    d -> spec(d).set("steps", F.arrayNode().add(F.objectNode().put("id", "a"))));
            add("Template step action not a string", kind, base, false, "$.spec.steps",
                    d -> spec(d).set("steps", F.arrayNode().add(F.objectNode().put("action", 3))));
            add("Template step input not an object", kind, base, false, "$.spec.steps",
                    d -> spec(d).set("steps", F.arrayNode().add(step("x").put("input", "text"))));
            add("Template step if boolean", kind, base, true, "$.spec.steps",
                    d -> spec(d).set("steps", F.arrayNode().add(step("x").put("if", false))));
            add("Template step if neither string nor boolean", kind, base, false, "$.spec.steps",
                    d -> spec(d).set("steps", F.arrayNode().add(step("x").put("if", 1))));
            add("Template step id not a string", kind, base, false, "$.spec.steps",
                    d -> spec(d).set("steps", F.arrayNode().add(step("x").put("id", 1))));
            add("Template step not an object", kind, base, false, "$.spec.steps",
                    d -> spec(d).set("steps", F.arrayNode().add("fetch:plain")));
            add("Template output strings", kind, base, true, "$.spec.output",
                    d -> spec(d).set("output", F.objectNode().put("repoUrl", "${{ steps.p.output.url }}")));
            add("Template output non-string value", kind, base, false, "$.spec.output",
                    d -> spec(d).set("output", F.objectNode().put("count", 3)));
            add("Template output links without url allowed", kind, base, true, "$.spec.output",
                    d -> spec(d).set("output", F.objectNode().set("links", F.arrayNode().add(F.objectNode()
                            .put("title", "Open")))));
            add("Template output link title empty", kind, base, false, "$.spec.output",
                    d -> spec(d).set("output", F.objectNode().set("links", F.arrayNode().add(F.objectNode()
                            .put("title", "")))));
            add("Template output not an object", kind, base, false, "$.spec.output",
                    d -> spec(d).put("output", "text"));
            add("Template lifecycle empty", kind, base, false, "$.spec.lifecycle",
                    d -> spec(d).put("lifecycle", ""));
            add("Template extra spec fields allowed", kind, base, true, "$.spec",
                    d -> spec(d).put("lifecycle", "production").set("presentation", F.objectNode()));
        }

        // --- building blocks ---------------------------------------------------------------------------------

        private void add(String rule, String kind, ObjectNode base, boolean accepts, String path,
                Consumer<ObjectNode> mutation) {
            add(rule, kind, base, accepts, path, mutation, null);
        }

        private void add(String rule, String kind, ObjectNode base, boolean accepts, String path,
                Consumer<ObjectNode> mutation, Exception exception) {
            ObjectNode doc = base.deepCopy();
            mutation.accept(doc);
            out.add(new Case(rule, kind, doc, accepts, path, exception));
        }

        private static ObjectNode meta(ObjectNode d) {
            return (ObjectNode) d.get("metadata");
        }

        private static ObjectNode spec(ObjectNode d) {
            return (ObjectNode) d.get("spec");
        }

        private static ObjectNode link(String url) {
            return F.objectNode().put("url", url);
        }

        private static ObjectNode step(String action) {
            return F.objectNode().put("action", action);
        }

        private static void putRef(ObjectNode d, EntityKind.RefField field, String ref) {
            if (field.array()) {
                ArrayNode refs = F.arrayNode();
                if (field.defaultKind() == null) {
                    refs.add("component:other-one");
                }
                refs.add(ref);
                spec(d).set(field.field(), refs);
            } else {
                spec(d).put(field.field(), ref);
            }
        }

        private char pick(String chars) {
            return chars.charAt(rnd.nextInt(chars.length()));
        }

        /** isValidObjectName by construction: [A-Za-z0-9], then [-_.A-Za-z0-9], ending in [A-Za-z0-9]. */
        String objectName(int length) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                boolean edge = i == 0 || i == length - 1;
                sb.append(edge || rnd.nextInt(5) > 0 ? pick(ALNUM) : pick("-_."));
            }
            String s = sb.toString();
            return RESERVED.contains(s) ? objectName(length) : s;
        }

        String badObjectName() {
            return switch (rnd.nextInt(6)) {
                case 0 -> objectName(64 + rnd.nextInt(10));
                case 1 -> pick("-_.") + objectName(1 + rnd.nextInt(20));
                case 2 -> objectName(1 + rnd.nextInt(20)) + pick("-_.");
                case 3 -> insert(objectName(2 + rnd.nextInt(20)), " @!/:*é");
                case 4 -> "";
                default -> objectName(3) + " " + objectName(3);
            };
        }

        /** isValidDnsLabel by construction: [a-z0-9]+ separated by single dashes, at most 63. */
        String dnsLabel(int length) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                boolean edge = i == 0 || i == length - 1 || sb.charAt(sb.length() - 1) == '-';
                sb.append(edge || rnd.nextInt(6) > 0 ? pick(LOWER_ALNUM) : '-');
            }
            return sb.toString();
        }

        String badDnsLabel() {
            return switch (rnd.nextInt(6)) {
                case 0 -> dnsLabel(64 + rnd.nextInt(5));
                case 1 -> "-" + dnsLabel(1 + rnd.nextInt(10));
                case 2 -> dnsLabel(1 + rnd.nextInt(10)) + "-";
                case 3 -> dnsLabel(2) + "--" + dnsLabel(2);
                case 4 -> insert(dnsLabel(2 + rnd.nextInt(10)), "ABCXYZ");
                default -> insert(dnsLabel(2 + rnd.nextInt(10)), "_. ");
            };
        }

        /** The current makeValidator tag rule: [a-z0-9:+#]+ separated by single dashes, at most 63. */
        String tag(int length) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                boolean edge = i == 0 || i == length - 1 || sb.charAt(sb.length() - 1) == '-';
                sb.append(edge || rnd.nextInt(6) > 0 ? pick(TAG_CHARS) : '-');
            }
            return sb.toString();
        }

        String badTag() {
            return switch (rnd.nextInt(6)) {
                case 0 -> tag(64 + rnd.nextInt(5));
                case 1 -> "-" + tag(1 + rnd.nextInt(10));
                case 2 -> tag(2) + "--" + tag(2);
                case 3 -> insert(tag(2 + rnd.nextInt(10)), "ABCZ");
                case 4 -> "";
                default -> insert(tag(2 + rnd.nextInt(10)), "_. /");
            };
        }

        /** A DNS subdomain: DNS labels joined by dots. */
        String dnsSubdomain() {
            int labels = 1 + rnd.nextInt(3);
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < labels; i++) {
                parts.add(dnsLabel(1 + rnd.nextInt(12)));
            }
            return String.join(".", parts);
        }

        /** isValidLabelKey / isValidAnnotationKey: [DNS subdomain /] object name, not a reserved word. */
        String labelKey() {
            return rnd.nextBoolean() ? objectName(1 + rnd.nextInt(30))
                    : dnsSubdomain() + "/" + objectName(1 + rnd.nextInt(30));
        }

        String badLabelKey() {
            return switch (rnd.nextInt(5)) {
                case 0 -> dnsSubdomain() + "/" + objectName(2) + "/" + objectName(2);
                case 1 -> insert(dnsSubdomain(), "A_") + "/" + objectName(4);
                case 2 -> dnsSubdomain() + "/";
                case 3 -> "/" + objectName(4);
                default -> badObjectName() + " x";
            };
        }

        /** Any text, spaces and punctuation included: Backstage puts no format on these. */
        String anyText() {
            String chars = ALNUM + " -_.,:;/!?()'\"äéß€";
            StringBuilder sb = new StringBuilder();
            int length = rnd.nextInt(40);
            for (int i = 0; i < length; i++) {
                sb.append(pick(chars));
            }
            return sb.toString();
        }

        /** {@code s} with one character of {@code forbidden} inserted somewhere. */
        String insert(String s, String forbidden) {
            int at = rnd.nextInt(s.length() + 1);
            return s.substring(0, at) + pick(forbidden) + s.substring(at);
        }
    }
}
