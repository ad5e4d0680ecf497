package dev.runway.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.runway.ui.client.CatalogApi;

class CatalogViewsTest {

    @Test
    void graphIsSvgWithEveryNodeAndEdgeAndEscapesNames() {
        String svg = GraphSvg.render(new CatalogApi.Graph("component:default/shop", 1,
                List.of(new CatalogApi.Node("component:default/shop", true),
                        new CatalogApi.Node("resource:default/<db>", false)),
                List.of(new CatalogApi.Edge("component:default/shop", "dependsOn", "resource:default/<db>")), false));
        assertTrue(svg.startsWith("<svg"));
        assertTrue(svg.contains("<title id=\"graph-title\">Dependency graph of component:default/shop</title>"));
        assertTrue(svg.contains("resource:default/&lt;db&gt;"));
        assertFalse(svg.contains("<db>"));
        assertTrue(svg.contains(">dependsOn</text>"));
        assertTrue(svg.contains("stroke-dasharray"), "a dangling ref is drawn dashed");
        assertEquals(2, svg.split("<rect ").length - 1);
    }

    @Test
    void aViolationPointsAtTheFieldOrTheYamlLine() {
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: shop\nspec:\n  owner: nobody\n";
        CatalogPages.FieldProblem p = CatalogPages.problemOf(yaml, "yaml", "$.spec.owner", "must be one of your teams");
        assertEquals("spec.owner", p.field());
        assertEquals(6, p.line());
        assertEquals("owner", CatalogPages.problemOf(yaml, "fields", "$.spec.owner", "x").field());
    }

    @Test
    void theCommonFieldsBecomeADescriptorWithQuotedValues() throws Exception {
        String yaml = CatalogPages.toYaml(new CatalogPages.Register("shop", "Shop: \"best\"", "", "service",
                "production", "payments", "", "web, java", ""));
        assertTrue(yaml.contains("  name: \"shop\"\n"));
        assertTrue(yaml.contains("  title: \"Shop: \\\"best\\\"\"\n"));
        assertEquals(List.of("web", "java"), List.of(CatalogPages.YAML.readValue(yaml, Descriptor.class).metadata().tags()));
        assertTrue(yaml.contains("  owner: \"payments\"\n"));
        assertFalse(yaml.contains("system"));
    }

    record Metadata(String name, String title, String description, String[] tags) {
    }

    record Spec(String type, String lifecycle, String owner, String system) {
    }

    record Descriptor(String apiVersion, String kind, Metadata metadata, Spec spec) {
    }

    @Test
    void theDescriptorReadsBackAsTyped() throws Exception {
        CatalogPages.Register typed = new CatalogPages.Register("no", "Shop: the best # of all", "# not a comment\n"
                + "second line: yes\n  indented, with \"quotes\" and a \\ backslash\ttab " + "long ".repeat(30),
                "yes", "on", "group:default/payments", "~", "yes, no, #hash, a: b, null, 0x1F, 1e3, [x]", "");
        String yaml = CatalogPages.toYaml(typed);
        assertFalse(yaml.startsWith("---"), yaml);
        Descriptor read = CatalogPages.YAML.readValue(yaml, Descriptor.class);
        assertEquals("backstage.io/v1alpha1", read.apiVersion());
        assertEquals("Component", read.kind());
        assertEquals(typed.name(), read.metadata().name());
        assertEquals(typed.title(), read.metadata().title());
        assertEquals(typed.description(), read.metadata().description());
        assertEquals(List.of("yes", "no", "#hash", "a: b", "null", "0x1F", "1e3", "[x]"),
                List.of(read.metadata().tags()));
        assertEquals(new Spec("yes", "on", "group:default/payments", "~"), read.spec());
        // A plain YAML 1.1 reader (SnakeYAML, as the catalog reads it) sees strings, not booleans or nulls.
        Map<String, Object> untyped = new org.yaml.snakeyaml.Yaml().load(yaml);
        assertEquals(Map.of("type", "yes", "lifecycle", "on", "owner", "group:default/payments", "system", "~"),
                untyped.get("spec"));
    }

    @Test
    void emptyOptionalFieldsAreLeftOut() throws Exception {
        String yaml = CatalogPages.toYaml(new CatalogPages.Register("shop", "", "", "service", "production",
                "payments", "", " , ", ""));
        assertEquals(new Spec("service", "production", "payments", null),
                CatalogPages.YAML.readValue(yaml, Descriptor.class).spec());
        Map<String, Object> untyped = new org.yaml.snakeyaml.Yaml().load(yaml);
        assertEquals(Map.of("name", "shop"), untyped.get("metadata"));
    }

    @Test
    void refsBecomePortalLinks() {
        assertEquals("/catalog/component/default/shop", CatalogPages.hrefOf("component:default/shop"));
        assertEquals("/catalog/group/default/payments", CatalogPages.hrefOf("group:payments"));
    }
}
