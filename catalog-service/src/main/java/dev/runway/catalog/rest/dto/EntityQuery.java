package dev.runway.catalog.rest.dto;

import java.util.List;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters shared by list, facets and export. */
public class EntityQuery {
    @QueryParam("kind")
    @Parameter(description = "Entity kind, case-insensitive (Component, API, ...)")
    public String kind;
    @QueryParam("type")
    @Parameter(description = "spec.type, case-insensitive")
    public String type;
    @QueryParam("owner")
    @Parameter(description = "Owner entity ref; default kind Group, default namespace default")
    public String owner;
    @QueryParam("lifecycle")
    @Parameter(description = "spec.lifecycle, case-insensitive")
    public String lifecycle;
    @QueryParam("namespace")
    public String namespace;
    @QueryParam("tag")
    @Parameter(description = "Repeatable; an entity must carry every tag given")
    public List<String> tag;
    @QueryParam("label")
    @Parameter(description = "key=value")
    public String label;
    @QueryParam("system")
    @Parameter(description = "System entity ref; default kind System")
    public String system;
    @QueryParam("q")
    @Parameter(description = "Full-text search over name, title, description and tags (web-search syntax)")
    public String q;
}
