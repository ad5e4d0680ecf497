package dev.runway.catalog.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.catalog.backstage.BackstageCatalogService;
import dev.runway.catalog.backstage.BackstageErrors;
import dev.runway.catalog.rest.dto.BackstageFacets;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.ratelimit.RateLimitExempt;
import dev.runway.common.ratelimit.RateLimitedAsCheck;
import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;

/**
 * Backstage's catalog REST API ({@code plugins/catalog-backend/src/schema/openapi.yaml}) over Runway's catalog, so that
 * Backstage frontends, plugins and {@code @backstage/catalog-client} work against Runway unchanged: same paths under
 * {@code /api/catalog}, parameters, shapes and status codes, errors in Backstage's format (BackstageErrorFilter). Same
 * bearer tokens and roles as {@code /api/v1/entities}; delete goes through Runway's delete and its policy.
 *
 * <p>Runway has no registered locations: it stores descriptors pushed to it (POST /api/v1/entities, /import) and never
 * reads one from a URL. The location endpoints therefore answer 501 NotImplementedError, saying so. They are left out
 * of the OpenAPI operations (an operation that can never succeed fails the lint's success-response rule) and listed in
 * the tag's description instead.
 */
@Path("/api/catalog")
@Tag(name = "backstage-catalog", description = "Backstage's catalog REST API (as @backstage/catalog-client calls it)"
        + " over Runway's catalog; errors in Backstage's format. Backstage's location endpoints (GET and POST"
        + " /api/catalog/locations, GET and DELETE /api/catalog/locations/{id}, GET"
        + " /api/catalog/locations/by-entity/{kind}/{namespace}/{name}, POST /api/catalog/analyze-location) answer 501"
        + " NotImplementedError: Runway registers no locations, it stores the descriptors pushed to it.")
@Produces(MediaType.APPLICATION_JSON)
public class BackstageCatalogResource {
    private static final String NO_LOCATIONS = "Runway does not register locations: it stores the descriptors pushed"
            + " to POST /api/v1/entities or /api/v1/entities/import and reads none from a URL";

    private final BackstageCatalogService catalog;
    private final Provider<Caller> callers;
    private final ObjectMapper json;

    public BackstageCatalogResource(BackstageCatalogService catalog, Provider<Caller> callers, ObjectMapper json) {
        this.catalog = catalog;
        this.callers = callers;
        this.json = json;
    }

    @GET
    @Path("entities")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "List entities (Backstage GetEntities)",
            description = "Every entity matching the filters as a JSON array, or a page of them with offset/limit;"
                    + " when a limit cuts the list short, a Link header (rel=\"next\") carries the after cursor.")
    @APIResponse(responseCode = "200", description = "A JSON array of entities")
    @APIResponse(responseCode = "400", description = "InputError: invalid filter, order, offset, limit or after")
    @APIResponse(responseCode = "401", description = "AuthenticationError: missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "NotAllowedError: role not allowed")
    public Response list(@QueryParam("filter") @Parameter(description = "Repeatable; key=value conditions joined"
            + " by commas (AND), several filters ORed") List<String> filter,
            @QueryParam("fields") @Parameter(description = "Comma-separated paths to keep") List<String> fields,
            @QueryParam("offset") Integer offset,
            @QueryParam("limit") @Parameter(description = "Page size; a larger one is cut to"
                    + " runway.catalog.max-page-size (500 by default) and the Link header leads on", schema = @Schema(
                            type = SchemaType.INTEGER, minimum = "1", maximum = "500")) Integer limit,
            @QueryParam("after") String after,
            @QueryParam("order") @Parameter(description = "Repeatable, asc:<field> or desc:<field>")
            List<String> order, @Context UriInfo uri) {
        BackstageCatalogService.ListPage page = catalog.list(filter, order, offset, limit, after, split(fields));
        Response.ResponseBuilder response = Response.ok(json.createArrayNode().addAll(page.items()));
        if (page.after() != null) {
            java.net.URI next = uri.getRequestUriBuilder().replaceQueryParam("offset")
                    .replaceQueryParam("after", page.after()).build();
            response.header("Link", "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"");
        }
        return response.build();
    }

    @GET
    @Path("entities/by-query")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Query entities with cursor paging (Backstage GetEntitiesByQuery)",
            description = "Items, the total under the query and opaque next/prev cursors; a cursor carries its query,"
                    + " so filter, orderField and fullTextFilter are ignored alongside it. Limit 20 by default, at most"
                    + " runway.catalog.max-page-size per page.")
    @APIResponse(responseCode = "200", description = "{items, totalItems, pageInfo: {nextCursor?, prevCursor?}}")
    @APIResponse(responseCode = "400", description = "InputError: invalid filter, orderField, cursor or limit")
    @APIResponse(responseCode = "401", description = "AuthenticationError: missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "NotAllowedError: role not allowed")
    public Response query(@QueryParam("filter") List<String> filter,
            @QueryParam("fields") List<String> fields,
            @QueryParam("orderField") @Parameter(description = "Repeatable, <field>,asc or <field>,desc")
            List<String> orderField,
            @QueryParam("fullTextFilterTerm") String term,
            @QueryParam("fullTextFilterFields") List<String> termFields,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @Parameter(description = "Page size, 20 by default; a larger one than"
                    + " runway.catalog.max-page-size (500 by default) is cut to it and the cursor leads on; 0 answers"
                    + " totalItems alone", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500",
                            defaultValue = "20")) Integer limit) {
        BackstageCatalogService.QueryPage page = catalog.query(filter, orderField, term, termFields, cursor, limit,
                split(fields));
        ObjectNode body = json.createObjectNode();
        body.putArray("items").addAll(page.items());
        body.put("totalItems", page.totalItems());
        ObjectNode pageInfo = body.putObject("pageInfo");
        if (page.nextCursor() != null) {
            pageInfo.put("nextCursor", page.nextCursor());
        }
        if (page.prevCursor() != null) {
            pageInfo.put("prevCursor", page.prevCursor());
        }
        return Response.ok(body).build();
    }

    @GET
    @Path("entities/by-uid/{uid}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Get an entity by uid (Backstage GetEntityByUid)")
    @APIResponse(responseCode = "200", description = "The entity")
    @APIResponse(responseCode = "401", description = "AuthenticationError: missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "NotAllowedError: role not allowed")
    @APIResponse(responseCode = "404", description = "NotFoundError: no live entity has this uid")
    public Response byUid(@PathParam("uid") String uid) {
        return Response.ok(catalog.byUid(uid)).build();
    }

    @DELETE
    @Path("entities/by-uid/{uid}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Delete an entity by uid (Backstage DeleteEntityByUid)",
            description = "Runway's delete: the owning team or a platform-admin only; leaves a tombstone, history and"
                    + " an audit event.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "AuthenticationError: missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "NotAllowedError: role or owning team does not allow this")
    @APIResponse(responseCode = "404", description = "NotFoundError: no live entity has this uid")
    public Response deleteByUid(@PathParam("uid") String uid) {
        catalog.deleteByUid(callers.get(), uid);
        return Response.noContent().build();
    }

    @GET
    @Path("entities/by-name/{kind}/{namespace}/{name}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Get an entity by name (Backstage GetEntityByName)")
    @APIResponse(responseCode = "200", description = "The entity")
    @APIResponse(responseCode = "401", description = "AuthenticationError: missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "NotAllowedError: role not allowed")
    @APIResponse(responseCode = "404", description = "NotFoundError: no such live entity")
    public Response byName(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name) {
        return Response.ok(catalog.byName(kind, namespace, name)).build();
    }

    @GET
    @Path("entities/by-name/{kind}/{namespace}/{name}/ancestry")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Get an entity's ancestry (Backstage GetEntityAncestryByName)",
            description = "Runway registers entities directly, never by processing a Location that emits them, so an"
                    + " entity has no processing parents: the ancestry is the entity alone, with no parentEntityRefs.")
    @APIResponse(responseCode = "200", description = "{rootEntityRef, items: [{entity, parentEntityRefs}]}")
    @APIResponse(responseCode = "401", description = "AuthenticationError: missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "NotAllowedError: role not allowed")
    @APIResponse(responseCode = "404", description = "NotFoundError: no such live entity")
    public Response ancestry(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name) {
        ObjectNode entity = catalog.ancestryRoot(kind, namespace, name);
        ObjectNode body = json.createObjectNode();
        body.put("rootEntityRef", (kind + ":" + namespace + "/" + name).toLowerCase(java.util.Locale.ROOT));
        ObjectNode item = body.putArray("items").addObject();
        item.set("entity", entity);
        item.putArray("parentEntityRefs");
        return Response.ok(body).build();
    }

    @POST
    @Path("entities/by-refs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimitExempt("a read: a POST only because the list of refs may be long")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Get entities by refs (Backstage GetEntitiesByRefs)",
            description = "Body {entityRefs: [...], fields?: [...]}; the items answer in request order, null where no"
                    + " live entity (matching the filters, if any) has that ref.")
    @APIResponse(responseCode = "200", description = "{items: [entity or null, ...]}")
    @APIResponse(responseCode = "400", description = "InputError: body not {entityRefs: [strings]}")
    @APIResponse(responseCode = "401", description = "AuthenticationError: missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "NotAllowedError: role not allowed")
    public Response byRefs(@QueryParam("filter") List<String> filter, @QueryParam("fields") List<String> fields,
            String body) {
        JsonNode request = parse(body);
        List<String> refs = strings(request.get("entityRefs"), "entityRefs", true);
        List<String> bodyFields = strings(request.get("fields"), "fields", false);
        List<JsonNode> items = catalog.byRefs(refs, filter, bodyFields.isEmpty() ? split(fields) : bodyFields);
        ObjectNode answer = json.createObjectNode();
        ArrayNode array = answer.putArray("items");
        // In request order, with JSON null where no entity answers.
        items.forEach(i -> array.add(i == null ? NullNode.getInstance() : i));
        return Response.ok(answer).build();
    }

    @GET
    @Path("entity-facets")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Count entities per value of fields (Backstage GetEntityFacets)",
            description = "For each facet path asked, its values under the filters with the number of entities"
                    + " carrying each, most frequent first.")
    @APIResponse(responseCode = "200", description = "{facets: {<facet>: [{value, count}]}}")
    @APIResponse(responseCode = "400", description = "InputError: no facet, or an invalid filter")
    @APIResponse(responseCode = "401", description = "AuthenticationError: missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "NotAllowedError: role not allowed")
    public BackstageFacets facets(@QueryParam("facet") @Parameter(description = "Repeatable field path")
            List<String> facet, @QueryParam("filter") List<String> filter) {
        Map<String, List<BackstageFacets.FacetValue>> out = new LinkedHashMap<>();
        catalog.facets(facet, filter).forEach((k, v) -> out.put(k, v.stream()
                .map(f -> new BackstageFacets.FacetValue(f.value(), f.count())).toList()));
        return new BackstageFacets(out);
    }

    @POST
    @Path("validate-entity")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimitedAsCheck("stores nothing: editors and CI check descriptors before registering them")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Validate an entity (Backstage ValidateEntity)",
            description = "Body {entity, location}, location a url:<target> ref. Validated by Runway's descriptor"
                    + " rules; nothing is stored. 200 with no body when valid, else 400 {errors: [{name, message}]}.")
    @APIResponse(responseCode = "200", description = "Valid")
    @APIResponse(responseCode = "400", description = "{errors: [...]}: the body, location or entity is invalid")
    @APIResponse(responseCode = "401", description = "AuthenticationError: missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "NotAllowedError: role not allowed")
    public Response validateEntity(String body) {
        List<String> errors = new ArrayList<>();
        JsonNode request = null;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            errors.add("Malformed request body: not JSON");
        }
        if (request != null && errors.isEmpty()) {
            JsonNode location = request.get("location");
            if (request.get("entity") == null || !request.get("entity").isObject()) {
                errors.add("entity: expected an object");
            } else if (location == null || !location.isTextual()) {
                errors.add("location: expected a string");
            } else if (!location.asText().startsWith("url:") || location.asText().length() <= "url:".length()) {
                errors.add("Invalid location ref " + location.asText()
                        + ", only 'url:<target>' is supported, e.g. url:https://host/path");
            } else {
                errors.addAll(catalog.validate(request.get("entity")));
            }
        } else if (request == null && errors.isEmpty()) {
            errors.add("Malformed request body: empty");
        }
        if (errors.isEmpty()) {
            return Response.ok().build();
        }
        ObjectNode verdict = json.createObjectNode();
        ArrayNode list = verdict.putArray("errors");
        errors.forEach(m -> list.addObject().put("name", "InputError").put("message", m));
        return Response.status(400).entity(verdict.toString()).build();
    }

    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimitedAsCheck("changes nothing: Runway's entities have no source to re-read")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Refresh an entity (Backstage RefreshEntity)",
            description = "Backstage re-reads an entity from the location it came from. Runway's entities are stored"
                    + " as pushed, with no source to re-read, so the stored entity is already current: 200 once the"
                    + " entity is found, 404 when it is not.")
    @APIResponse(responseCode = "200", description = "The entity exists and is current")
    @APIResponse(responseCode = "400", description = "InputError: body not {entityRef: string}")
    @APIResponse(responseCode = "401", description = "AuthenticationError: missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "NotAllowedError: role not allowed")
    @APIResponse(responseCode = "404", description = "NotFoundError: no such live entity")
    public Response refresh(String body) {
        JsonNode ref = parse(body).get("entityRef");
        if (ref == null || !ref.isTextual()) {
            throw invalid("entityRef", "entityRef: expected a string");
        }
        catalog.refresh(ref.asText());
        return Response.ok().build();
    }

    // Backstage's location endpoints (GetLocations, CreateLocation, GetLocation, DeleteLocation, GetLocationByEntity,
    // AnalyzeLocation) are refused on purpose, as issue 19 allows where Runway has no equivalent: Runway keeps no
    // registered locations and reads no descriptor from a URL (CI pushes descriptors to /api/v1/entities/import), so
    // each answers Backstage's NotImplementedError (501) naming where descriptors go instead. They stay routed, with
    // the same roles as the rest, so a Backstage client gets that answer rather than a bare 404; hidden from the
    // document because an operation with no success response is not one a client can be generated for.
    @GET
    @Path("locations")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(hidden = true)
    public Response locations(@Context UriInfo uri) {
        return refuseLocations("GET", uri);
    }

    @POST
    @Path("locations")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(hidden = true)
    public Response createLocation(@Context UriInfo uri) {
        return refuseLocations("POST", uri);
    }

    @GET
    @Path("locations/{id}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(hidden = true)
    public Response location(@PathParam("id") String id, @Context UriInfo uri) {
        return refuseLocations("GET", uri);
    }

    @DELETE
    @Path("locations/{id}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(hidden = true)
    public Response deleteLocation(@PathParam("id") String id, @Context UriInfo uri) {
        return refuseLocations("DELETE", uri);
    }

    @GET
    @Path("locations/by-entity/{kind}/{namespace}/{name}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(hidden = true)
    public Response locationByEntity(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @Context UriInfo uri) {
        return refuseLocations("GET", uri);
    }

    @POST
    @Path("analyze-location")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(hidden = true)
    public Response analyzeLocation(@Context UriInfo uri) {
        return refuseLocations("POST", uri);
    }

    private static Response refuseLocations(String method, UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        return BackstageErrors.response(501, NO_LOCATIONS, method,
                uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query));
    }

    /** A JSON array of entity texts (or nulls), joined without parsing them. */
    /** {@code fields=a,b} and {@code fields=a&fields=b} alike. */
    private static List<String> split(List<String> params) {
        if (params == null) {
            return List.of();
        }
        return params.stream().flatMap(s -> Arrays.stream(s.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw invalid("$", "The request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid("$", "Malformed request body: not JSON");
        }
    }

    private static List<String> strings(JsonNode node, String field, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw invalid(field, field + ": expected an array of strings");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(field, field + ": expected an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw invalid(field, field + ": expected an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException(message, List.of(new Problem.Violation(field, message)));
    }
}
