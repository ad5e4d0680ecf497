package dev.runway.provisioning.rest;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.mapping.ProvisioningMapper;
import dev.runway.provisioning.rest.dto.CredentialsView;
import dev.runway.provisioning.rest.dto.DatabaseRequestBody;
import dev.runway.provisioning.rest.dto.RequestView;
import dev.runway.provisioning.service.NewDatabase;
import dev.runway.provisioning.service.RequestQueryService;
import dev.runway.provisioning.service.RequestService;

@Path(DatabaseResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Databases", description = "Requests for PostgreSQL, MariaDB and Redis databases")
public class DatabaseResource extends ProvisioningRequestResource {
    static final String PATH = "/api/v1/databases";

    public DatabaseResource(RequestService service, RequestQueryService queries, Provider<Caller> callers) {
        super(RequestKind.DATABASE, PATH, service, queries, callers);
    }

    @POST
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Request a database in one of the team's environments",
            description = "A retried request with the same Idempotency-Key returns the first result.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the request",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, engine or plan, per field")
    @APIResponse(responseCode = "403", description = "Not a member of the team")
    @APIResponse(responseCode = "409", description = "Name taken or database count quota reached")
    @APIResponse(responseCode = "422", description = "No server of the engine is configured on this platform (see the "
            + "templates' available), unknown environment, a team that is not the environment's, or CPU/memory quota "
            + "exceeded")
    public Response request(@Valid @NotNull DatabaseRequestBody body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return accepted(service.requestDatabase(callers.get(), new NewDatabase(body.name(), body.team(),
                body.engine(), body.plan(), body.environment(), body.component()), idempotencyKey));
    }

    @GET
    @Path("/{id}/credentials")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "The database's credentials: the values once, then only the Secret that holds them")
    @APIResponse(responseCode = "200", description = "Credentials (first read) or the Secret's name",
            content = @Content(schema = @Schema(implementation = CredentialsView.class)))
    @APIResponse(responseCode = "403", description = "Not a member of the owning team")
    @APIResponse(responseCode = "404", description = "No such database visible to the caller")
    @APIResponse(responseCode = "409", description = "Not READY yet")
    public Response credentials(@PathParam("id") UUID id) {
        RequestService.Credentials c = service.credentials(callers.get(), id);
        Map<String, String> v = c.values();
        CredentialsView view = v == null
                ? new CredentialsView(c.request().secretName(), c.request().namespace(), false, null, null, null, null, null)
                : new CredentialsView(c.request().secretName(), c.request().namespace(), true, v.get("username"),
                        v.get("password"), v.get("host"), v.containsKey("port") ? Integer.valueOf(v.get("port")) : null,
                        v.get("database"));
        // Shown once: nothing on the way may keep a copy.
        return Response.ok(view).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/{id}/rotate")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Rotate the database password; the new credentials can be read once again")
    @APIResponse(responseCode = "202", description = "Rotation requested",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "403", description = "Not a member of the owning team")
    @APIResponse(responseCode = "404", description = "No such database visible to the caller")
    @APIResponse(responseCode = "409", description = "Not READY")
    public Response rotate(@PathParam("id") UUID id) {
        return Response.accepted(ProvisioningMapper.toView(service.rotate(callers.get(), id))).build();
    }
}
