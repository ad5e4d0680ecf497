package dev.runway.ui.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.runway.ui.client.CatalogApi;

/**
 * Draws an entity's relation graph as SVG on the server: the entity in the middle, its neighbours on a circle,
 * one labelled arrow per relation. No script, so it is allowed by the page's CSP and readable without JS; a
 * title and description make it accessible, and the page lists the same relations as text.
 */
public final class GraphSvg {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 480;

    private GraphSvg() {
    }

    public static String render(CatalogApi.Graph graph) {
        Map<String, double[]> at = new LinkedHashMap<>();
        at.put(graph.root(), new double[] { WIDTH / 2.0, HEIGHT / 2.0 });
        List<CatalogApi.Node> others = new ArrayList<>();
        for (CatalogApi.Node n : graph.nodes()) {
            if (!n.ref().equals(graph.root())) {
                others.add(n);
            }
        }
        for (int i = 0; i < others.size(); i++) {
            double angle = 2 * Math.PI * i / Math.max(1, others.size()) - Math.PI / 2;
            at.put(others.get(i).ref(), new double[] { WIDTH / 2.0 + 290 * Math.cos(angle),
                    HEIGHT / 2.0 + 180 * Math.sin(angle) });
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"graph-title graph-desc\">")
                .append("<title id=\"graph-title\">Dependency graph of ").append(escape(graph.root())).append("</title>")
                .append("<desc id=\"graph-desc\">").append(graph.edges().size()).append(" relations between ")
                .append(graph.nodes().size()).append(" entities; the same relations are listed below.</desc>")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                        + " markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\""
                        + " fill=\"#4a5360\"/></marker></defs>");
        for (CatalogApi.Edge e : graph.edges()) {
            double[] a = at.get(e.source());
            double[] b = at.get(e.target());
            if (a == null || b == null || a == b) {
                continue;
            }
            // Stop the arrow at the box's edge rather than under it.
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double len = Math.max(1, Math.hypot(dx, dy));
            double shrink = Math.min(0.45, 40 / len);
            svg.append(String.format(java.util.Locale.ROOT,
                    "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#4a5360\" marker-end=\"url(#arrow)\"/>",
                    a[0] + dx * shrink, a[1] + dy * shrink, b[0] - dx * shrink, b[1] - dy * shrink));
            svg.append(String.format(java.util.Locale.ROOT,
                    "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" fill=\"#4a5360\" text-anchor=\"middle\">%s</text>",
                    (a[0] + b[0]) / 2, (a[1] + b[1]) / 2 - 4, escape(e.type())));
        }
        for (CatalogApi.Node n : graph.nodes()) {
            double[] p = at.get(n.ref());
            boolean root = n.ref().equals(graph.root());
            String label = n.ref().length() > 34 ? n.ref().substring(0, 33) + "…" : n.ref();
            svg.append(String.format(java.util.Locale.ROOT,
                    "<rect x=\"%.0f\" y=\"%.0f\" width=\"220\" height=\"30\" rx=\"6\" fill=\"%s\" stroke=\"%s\"%s/>",
                    p[0] - 110, p[1] - 15, root ? "#1f5fbf" : "#ffffff", n.resolved() ? "#1f5fbf" : "#a3261b",
                    n.resolved() ? "" : " stroke-dasharray=\"4 3\""));
            svg.append(String.format(java.util.Locale.ROOT,
                    "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\" text-anchor=\"middle\" fill=\"%s\">%s</text>",
                    p[0], p[1] + 4, root ? "#ffffff" : "#1b1f24", escape(label)));
        }
        return svg.append("</svg>").toString();
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
