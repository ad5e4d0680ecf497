package dev.runway.ui.client;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/** catalog-service as the portal uses it. */
@Produces(MediaType.APPLICATION_JSON)
@Path("/api/v1/entities")
public interface CatalogApi {

    /** The list filters; null ones are left out of the query string. */
    class Filters {
        @QueryParam("kind")
        public String kind;
        @QueryParam("type")
        public String type;
        @QueryParam("owner")
        public String owner;
        @QueryParam("lifecycle")
        public String lifecycle;
        @QueryParam("tag")
        public String tag;
        @QueryParam("q")
        public String q;
    }

    record Page(List<JsonNode> items, String nextCursor, int limit) {
    }

    record FacetValue(String value, long count) {
    }

    record Facets(String field, List<FacetValue> values) {
    }

    record Node(String ref, boolean resolved) {
    }

    record Edge(String source, String type, String target) {
    }

    record Graph(String root, int depth, List<Node> nodes, List<Edge> edges, boolean truncated) {
    }

    record History(int version, String action, String actor, OffsetDateTime occurredAt, JsonNode patch) {
    }

    record Violation(String field, String message) {
    }

    record Verdict(int index, String entityRef, boolean valid, List<Violation> violations) {
    }

    record Validation(boolean valid, List<Verdict> documents) {
    }

    /** @param sort name (the service's default when null), -name, updatedAt or -updatedAt */
    @GET
    Page list(@BeanParam Filters filters, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @QueryParam("sort") String sort);

    @GET
    @Path("facets")
    Facets facets(@QueryParam("field") String field, @BeanParam Filters filters);

    @GET
    @Path("{kind}/{namespace}/{name}")
    JsonNode get(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name);

    @GET
    @Path("{kind}/{namespace}/{name}/history")
    List<History> history(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name);

    @GET
    @Path("{kind}/{namespace}/{name}/graph")
    Graph graph(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @QueryParam("depth") Integer depth);

    @POST
    @Path("validate")
    @Consumes("application/yaml")
    Validation validate(String yaml);

    @POST
    @Consumes("application/yaml")
    JsonNode create(String yaml);

    @POST
    @Path("import")
    @Consumes("application/yaml")
    JsonNode importAll(@QueryParam("dryRun") boolean dryRun, String yaml);
}
