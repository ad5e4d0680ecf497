package dev.runway.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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
    void theCommonFieldsBecomeADescriptorWithQuotedValues() {
        String yaml = CatalogPages.toYaml(new CatalogPages.Register("shop", "Shop: \"best\"", "", "service",
                "production", "payments", "", "web, java", ""));
        assertTrue(yaml.contains("  name: \"shop\"\n"));
        assertTrue(yaml.contains("  title: \"Shop: \\\"best\\\"\"\n"));
        assertTrue(yaml.contains("  tags: [\"web\", \"java\"]\n"));
        assertTrue(yaml.contains("  owner: \"payments\"\n"));
        assertFalse(yaml.contains("system"));
    }

    @Test
    void refsBecomePortalLinks() {
        assertEquals("/catalog/component/default/shop", CatalogPages.hrefOf("component:default/shop"));
        assertEquals("/catalog/group/default/payments", CatalogPages.hrefOf("group:payments"));
    }
}
