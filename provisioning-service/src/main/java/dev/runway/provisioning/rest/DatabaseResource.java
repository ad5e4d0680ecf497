package dev.runway.provisioning.rest;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.mapping.ProvisioningMapper;
import dev.runway.provisioning.rest.dto.CredentialsView;
import dev.runway.provisioning.rest.dto.DatabaseRequestBody;
import dev.runway.provisioning.rest.dto.ExtendBody;
import dev.runway.provisioning.rest.dto.PageParams;
import dev.runway.provisioning.rest.dto.RequestPage;
import dev.runway.provisioning.rest.dto.RequestView;
import dev.runway.provisioning.service.NewDatabase;
import dev.runway.provisioning.service.RequestQueryService;
import dev.runway.provisioning.service.RequestService;

@Path("/api/v1/databases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Databases", description = "Requests for PostgreSQL, MariaDB and Redis databases")
public class DatabaseResource {
    private final RequestService service;
    private final RequestQueryService queries;
    private final Provider<Caller> callers;

    public DatabaseResource(RequestService service, RequestQueryService queries, Provider<Caller> callers) {
        this.service = service;
        this.queries = queries;
        this.callers = callers;
    }

    @POST
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Request a database in one of the team's environments",
            description = "A retried request with the same Idempotency-Key returns the first result.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the request")
    @APIResponse(responseCode = "400", description = "Invalid body, engine or plan, per field")
    @APIResponse(responseCode = "403", description = "Not a member of the team")
    @APIResponse(responseCode = "409", description = "Name taken or database count quota reached")
    @APIResponse(responseCode = "422", description = "No server of the engine is configured on this platform (see the "
            + "templates' available), unknown environment, a team that is not the environment's, or CPU/memory quota "
            + "exceeded")
    public Response request(@Valid @NotNull DatabaseRequestBody body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        RequestService.Accepted a = service.requestDatabase(callers.get(), new NewDatabase(body.name(), body.team(),
                body.engine(), body.plan(), body.environment(), body.component()), idempotencyKey);
        return Response.accepted(ProvisioningMapper.toView(a.request()))
                .location(URI.create("/api/v1/databases/" + a.request().id())).build();
    }

    @GET
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.AUDITOR })
    @Operation(summary = "Databases the caller may see",
            description = "Newest first, keyset-paginated: follow nextCursor until it is null.")
    @APIResponse(responseCode = "200", description = "A page of databases")
    @APIResponse(responseCode = "400", description = "A malformed cursor, or a limit out of range")
    public RequestPage list(@BeanParam PageParams page) {
        return queries.list(callers.get(), RequestKind.DATABASE, page.cursor, page.limit)
                .map(ProvisioningMapper::toView)
                .into(RequestPage::new);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.AUDITOR })
    @Operation(summary = "One database")
    @APIResponse(responseCode = "200", description = "The database")
    @APIResponse(responseCode = "404", description = "No such database visible to the caller")
    public RequestView get(@PathParam("id") UUID id) {
        return ProvisioningMapper.toView(service.get(callers.get(), RequestKind.DATABASE, id));
    }

    @GET
    @Path("/{id}/credentials")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "The database's credentials: the values once, then only the Secret that holds them")
    @APIResponse(responseCode = "200", description = "Credentials (first read) or the Secret's name")
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
    @APIResponse(responseCode = "202", description = "Rotation requested")
    @APIResponse(responseCode = "403", description = "Not a member of the owning team")
    @APIResponse(responseCode = "404", description = "No such database visible to the caller")
    @APIResponse(responseCode = "409", description = "Not READY")
    public Response rotate(@PathParam("id") UUID id) {
        return Response.accepted(ProvisioningMapper.toView(service.rotate(callers.get(), id))).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Deprovision a database: drop it, its role and its Secret")
    @APIResponse(responseCode = "202", description = "Deprovisioning")
    @APIResponse(responseCode = "403", description = "Not a member of the team")
    @APIResponse(responseCode = "404", description = "No such database visible to the caller")
    @APIResponse(responseCode = "409", description = "Already gone")
    public Response delete(@PathParam("id") UUID id) {
        return Response.accepted(ProvisioningMapper.toView(
                service.delete(callers.get(), RequestKind.DATABASE, id))).build();
    }

    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Retry a FAILED database from its first step (steps already done are not redone)")
    @APIResponse(responseCode = "202", description = "Provisioning (or deprovisioning) again")
    @APIResponse(responseCode = "403", description = "Not allowed to change it")
    @APIResponse(responseCode = "404", description = "No such database visible to the caller")
    @APIResponse(responseCode = "409", description = "Not FAILED, or its environment is not READY")
    @APIResponse(responseCode = "503", description = "access-service could not decide")
    public Response retry(@PathParam("id") UUID id) {
        return Response.accepted(ProvisioningMapper.toView(
                service.retry(callers.get(), RequestKind.DATABASE, id))).build();
    }

    @POST
    @Path("/{id}/extend")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Extend a database: databases live as long as their environment, so its environment (and every database in it) expires ttl from now")
    @APIResponse(responseCode = "200", description = "The database with its (and its environment's) new expiry")
    @APIResponse(responseCode = "400", description = "Invalid ttl or above the environment template's maximum")
    @APIResponse(responseCode = "403", description = "Not allowed to change it or its environment")
    @APIResponse(responseCode = "404", description = "No such database visible to the caller")
    @APIResponse(responseCode = "409", description = "It or its environment is not in a state that can be extended")
    @APIResponse(responseCode = "422", description = "Its environment's template has no TTL")
    public RequestView extend(@PathParam("id") UUID id, @Valid @NotNull ExtendBody body) {
        return ProvisioningMapper.toView(service.extend(callers.get(), RequestKind.DATABASE, id, body.ttl()));
    }
}
