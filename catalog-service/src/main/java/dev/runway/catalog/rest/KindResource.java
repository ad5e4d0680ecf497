package dev.runway.catalog.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.catalog.mapping.KindMapper;
import dev.runway.catalog.rest.dto.KindView;
import dev.runway.catalog.service.KindService;
import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;

/** The kinds the catalog holds: readable by every role, custom kinds declared by platform-admins. */
@Path("/api/v1/kinds")
@Tag(name = "kinds", description = "Entity kinds: Backstage's built-in kinds and the scaffolder's Template, plus"
        + " custom kinds a platform-admin declares with their apiVersions, a JSON Schema for spec and the reference"
        + " fields that relate them")
@Produces(MediaType.APPLICATION_JSON)
public class KindResource {
    private final KindService kinds;
    private final KindMapper mapper;
    private final Provider<Caller> callers;

    public KindResource(KindService kinds, KindMapper mapper, Provider<Caller> callers) {
        this.kinds = kinds;
        this.mapper = mapper;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "List kinds", description = "The built-in kinds first, then the registered ones by name.")
    @APIResponse(responseCode = "200", description = "Every kind the catalog accepts")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public List<KindView> list() {
        return kinds.list().stream().map(mapper::view).toList();
    }

    @GET
    @Path("{kind}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Get a kind", description = "The kind's name in any case.")
    @APIResponse(responseCode = "200", description = "The kind")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such kind")
    public KindView get(@PathParam("kind") String kind) {
        return mapper.view(kinds.get(kind));
    }

    @PUT
    @Path("{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Register or replace a custom kind", description = "The path is the kind as descriptors"
            + " must write it (case-sensitive, as Backstage matches kinds). Entities of the kind are then validated"
            + " against the schema, stored, listed (kind filter), searched and related through the reference"
            + " fields. Other replicas honour the change within runway.catalog.kinds-refresh (2 s by default).")
    @RequestBody(description = "{description?, apiVersions: [string], specSchema: draft-07 JSON Schema,"
            + " relations?: [{field, relation (ownedBy, partOf, dependsOn, ...), defaultKind?, array?}]}")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "400", description = "Invalid field(s), each named")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "409", description = "A built-in kind, or registered with another spelling")
    public Response put(@PathParam("kind") String kind, String body) {
        KindService.Recorded saved = kinds.put(callers.get(), kind, mapper.draft(kind, body));
        KindView view = mapper.view(saved.kind());
        return saved.created() ? Response.created(URI.create("/api/v1/kinds/" + kind)).entity(view).build()
                : Response.ok(view).build();
    }

    @DELETE
    @Path("{kind}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Remove a custom kind", description = "Refused while live entities of the kind exist.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "404", description = "No such kind")
    @APIResponse(responseCode = "409", description = "A built-in kind, or entities of the kind still exist")
    public Response delete(@PathParam("kind") String kind) {
        kinds.delete(callers.get(), kind);
        return Response.noContent().build();
    }
}
