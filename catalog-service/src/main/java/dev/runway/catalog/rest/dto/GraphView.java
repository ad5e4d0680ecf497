package dev.runway.catalog.rest.dto;

import java.util.List;

/** The relation graph around one entity up to a depth; {@code truncated} when the edge cap was reached. */
public record GraphView(String root, int depth, List<Node> nodes, List<Edge> edges, boolean truncated) {
    public record Node(String ref, boolean resolved) {
    }

    public record Edge(String source, String type, String target) {
    }
}
