package dev.runway.catalog.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.catalog.mapping.DescriptorReader;
import dev.runway.catalog.mapping.EntityMapper;
import dev.runway.catalog.rest.dto.DescriptorDocument;
import dev.runway.catalog.rest.dto.EntityPage;
import dev.runway.catalog.rest.dto.EntityQuery;
import dev.runway.catalog.rest.dto.EntityView;
import dev.runway.catalog.rest.dto.FacetCounts;
import dev.runway.catalog.rest.dto.GraphView;
import dev.runway.catalog.rest.dto.HistoryView;
import dev.runway.catalog.rest.dto.ImportReport;
import dev.runway.catalog.rest.dto.ValidationReport;
import dev.runway.catalog.service.EntityCriteria;
import dev.runway.catalog.service.EntityQueryService;
import dev.runway.catalog.service.EntityService;
import dev.runway.catalog.service.StoredEntity;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.ratelimit.RateLimitedAsCheck;
import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;

/**
 * The catalog API: Backstage descriptors in (JSON or YAML), entities with relations out. Reads are open to every
 * Runway role; writes need developer or platform-admin and then pass the owning-team policy in the service.
 */
@Path("/api/v1/entities")
@Tag(name = "catalog", description = "Catalog entities in Backstage's descriptor format: register, query, relate, import, validate, history")
@Produces(MediaType.APPLICATION_JSON)
public class EntityResource {
    static final String YAML = "application/yaml";

    private final EntityService entities;
    private final EntityQueryService queries;
    private final DescriptorReader reader;
    private final EntityMapper mapper;
    private final Provider<Caller> callers;

    public EntityResource(EntityService entities, EntityQueryService queries, DescriptorReader reader,
            EntityMapper mapper, Provider<Caller> callers) {
        this.entities = entities;
        this.queries = queries;
        this.reader = reader;
        this.mapper = mapper;
        this.callers = callers;
    }

    @POST
    @Path("validate")
    @RateLimitedAsCheck("stores nothing: CI jobs lint every descriptor of a repository on each push")
    @Consumes({ MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml" })
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Validate descriptors without storing them",
            description = "JSON (object or array) or YAML (one or more documents). Answers 200 with a verdict per"
                    + " document, valid or not, so CI can lint catalog-info.yaml before merging. Spends the caller's"
                    + " check budget (runway.rate-limit.checks), not their writes.")
    @APIResponse(responseCode = "200", description = "A verdict per document")
    @APIResponse(responseCode = "400", description = "Body empty or not parseable")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "429", description = "Too many checks in a short time; see Retry-After")
    public ValidationReport validate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return mapper.validationReport(entities.validate(reader.read(body, contentType)));
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml" })
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DescriptorDocument.class)),
            @Content(mediaType = YAML, schema = @Schema(type = SchemaType.STRING, description = "catalog-info.yaml")) })
    @Operation(summary = "Register an entity",
            description = "Creates the entity, or re-registers one that was deleted. The owner must be one of the"
                    + " caller's teams unless the caller is a platform-admin.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers name the new version",
            content = @Content(schema = @Schema(implementation = EntityView.class)))
    @APIResponse(responseCode = "400", description = "Invalid descriptor: each violation with its JSON path")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role or owning team does not allow this write")
    @APIResponse(responseCode = "409", description = "An entity with this ref already exists")
    public Response create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        EntityService.Written w = entities.create(callers.get(), single(reader.read(body, contentType)));
        URI location = URI.create("/api/v1/entities/" + w.ref().kind() + "/" + w.ref().namespace() + "/"
                + w.ref().name());
        return Response.created(location).tag(new EntityTag(w.etag())).entity(mapper.view(w.entity())).build();
    }

    @POST
    @Path("import")
    @Consumes({ YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON })
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Import a multi-document catalog-info.yaml",
            description = "Upserts every document by ref, all or nothing unless atomic=false, which stores the"
                    + " accepted documents and reports each rejected one (index, ref, reasons) as Backstage processes"
                    + " each entity of a file on its own. Deleted entities are not resurrected: they are rejected"
                    + " until re-registered with POST /api/v1/entities.")
    @APIResponse(responseCode = "200", description = "What was (or, with dryRun, would be) created, updated,"
            + " left unchanged or rejected")
    @APIResponse(responseCode = "400", description = "Body empty or not parseable")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "422", description = "Atomic import: some documents were rejected; nothing was"
            + " imported")
    public ImportReport importAll(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @QueryParam("atomic") @DefaultValue("true") @Parameter(description = "true (default): one rejected"
                    + " document rejects the whole import with 422; false: the accepted documents are stored and"
                    + " the rejected ones reported") boolean atomic,
            String body) {
        return mapper.importReport(entities.importAll(callers.get(), reader.read(body, contentType), dryRun,
                atomic));
    }

    @GET
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "List entities", description = "Filters combine with AND; keyset pagination via"
            + " nextCursor; the page size is capped.")
    @APIResponse(responseCode = "200", description = "One page of entities")
    @APIResponse(responseCode = "400", description = "Invalid filter, sort, cursor or limit")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public EntityPage list(@BeanParam EntityQuery query,
            @QueryParam("sort") @Parameter(description = "name (default), -name, updatedAt, -updatedAt") String sort,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @Parameter(description = "Page size, 1 to runway.catalog.max-page-size "
                    + "(500 by default; default 50); anything else is refused with 400", schema = @Schema(
                            type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
            Integer limit,
            @QueryParam("fields") @Parameter(description = "Comma-separated dot paths, e.g. metadata.title,spec.owner")
            String fields) {
        return mapper.page(queries.list(criteria(query), sort, cursor, limit, fields));
    }

    @GET
    @Path("facets")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Count entities per value of a field under the same filters as the list")
    @APIResponse(responseCode = "200", description = "Values with counts, most frequent first")
    @APIResponse(responseCode = "400", description = "Unknown field or invalid filter")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public FacetCounts facets(@QueryParam("field")
            @Parameter(description = "kind, type, lifecycle, owner, namespace, system or tag; or"
                    + " the Backstage path of one: spec.type, spec.lifecycle, spec.owner, relations.ownedBy,"
                    + " metadata.namespace, spec.system, metadata.tags") String field,
            @BeanParam EntityQuery query) {
        return mapper.facets(field, queries.facets(field, criteria(query)));
    }

    @GET
    @Path("export")
    @Produces(YAML)
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Export entities as multi-document YAML (catalog-info.yaml format)")
    @APIResponse(responseCode = "200", description = "YAML documents, one per entity")
    @APIResponse(responseCode = "400", description = "Invalid filter")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public String export(@BeanParam EntityQuery query) {
        return queries.export(criteria(query));
    }

    @GET
    @Path("{kind}/{namespace}/{name}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Get an entity with its relations")
    @APIResponse(responseCode = "200", description = "The entity; the ETag header names this version",
            content = @Content(schema = @Schema(implementation = EntityView.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such live entity")
    public Response get(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name) {
        StoredEntity entity = queries.get(kind, namespace, name);
        return Response.ok(mapper.view(entity)).tag(new EntityTag(entity.etag())).build();
    }

    @PUT
    @Path("{kind}/{namespace}/{name}")
    @Consumes({ MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml" })
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DescriptorDocument.class)),
            @Content(mediaType = YAML, schema = @Schema(type = SchemaType.STRING, description = "catalog-info.yaml")) })
    @Operation(summary = "Replace an entity", description = "Optimistic concurrency: If-Match must carry the ETag"
            + " of the version being replaced; a missing If-Match is answered 412 like a stale one.")
    @APIResponse(responseCode = "200", description = "The stored version; ETag header names it",
            content = @Content(schema = @Schema(implementation = EntityView.class)))
    @APIResponse(responseCode = "400", description = "Invalid descriptor, or it names another entity than the path")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role or owning team does not allow this write")
    @APIResponse(responseCode = "404", description = "No such live entity")
    @APIResponse(responseCode = "412", description = "If-Match missing or stale")
    public Response replace(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        EntityService.Written w = entities.replace(callers.get(), kind, namespace, name, ifMatch,
                single(reader.read(body, contentType)));
        return Response.ok(mapper.view(w.entity())).tag(new EntityTag(w.etag())).build();
    }

    @DELETE
    @Path("{kind}/{namespace}/{name}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Delete an entity", description = "Leaves a tombstone: imports do not bring it back;"
            + " POST /api/v1/entities re-registers it. If-Match is honoured when sent.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role or owning team does not allow this write")
    @APIResponse(responseCode = "404", description = "No such live entity")
    @APIResponse(responseCode = "412", description = "If-Match stale")
    public Response delete(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        entities.delete(callers.get(), kind, namespace, name, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("{kind}/{namespace}/{name}/history")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Every change of an entity, newest first, as RFC 6902 JSON Patches")
    @APIResponse(responseCode = "200", description = "The changes; still available after a delete")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No entity was ever registered under this ref")
    public List<HistoryView> history(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name) {
        return queries.history(kind, namespace, name).stream().map(mapper::history).toList();
    }

    @GET
    @Path("{kind}/{namespace}/{name}/graph")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "The relation graph around an entity")
    @APIResponse(responseCode = "200", description = "Nodes (with whether each exists) and edges")
    @APIResponse(responseCode = "400", description = "Depth out of range or unknown relation type")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such live entity")
    public GraphView graph(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @QueryParam("depth") @Parameter(description = "1 (default) to 5")
            Integer depth, @QueryParam("relation") @Parameter(description = "Repeatable relation type filter")
            List<String> relation) {
        return mapper.graph(queries.graph(kind, namespace, name, depth, relation));
    }

    private static EntityCriteria criteria(EntityQuery q) {
        return new EntityCriteria(q.kind, q.type, q.owner, q.lifecycle, q.namespace, q.tag, q.label, q.system, q.q);
    }

    private static JsonNode single(List<JsonNode> docs) {
        if (docs.size() != 1) {
            throw new InvalidInputException("Send exactly one descriptor here; use /import for several.",
                    List.of(new Problem.Violation("$", "expected one document, got " + docs.size())));
        }
        return docs.get(0);
    }
}
