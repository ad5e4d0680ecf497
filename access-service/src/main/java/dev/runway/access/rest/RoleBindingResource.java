package dev.runway.access.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.access.mapping.AccessMapper;
import dev.runway.access.policy.Scopes;
import dev.runway.access.rest.dto.RoleBindingRequest;
import dev.runway.access.rest.dto.RoleBindingView;
import dev.runway.access.service.RoleBindingService.BindingSpec;
import dev.runway.access.service.RoleBindingService;
import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;

/** Role bindings: platform-admin only, every change audited. */
@Path("/api/v1/role-bindings")
@Tag(name = "role-bindings", description = "Who holds which role where: the bindings access-service decides by")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class RoleBindingResource {
    private final Provider<Caller> caller;
    private final RoleBindingService bindings;

    public RoleBindingResource(Provider<Caller> caller, RoleBindingService bindings) {
        this.caller = caller;
        this.bindings = bindings;
    }

    @GET
    @Operation(summary = "List role bindings and grants, optionally of one subject or on one scope")
    @APIResponse(responseCode = "200", description = "The bindings, oldest first")
    @APIResponse(responseCode = "400", description = "Invalid filter")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    public List<RoleBindingView> list(
            @QueryParam("subject") @Pattern(regexp = Scopes.SUBJECT_REGEX, message = Scopes.SUBJECT_MESSAGE) String subject,
            @QueryParam("scope") @Pattern(regexp = Scopes.SCOPE_REGEX, message = Scopes.SCOPE_MESSAGE) String scope,
            @Parameter(description = "Page size, 1 to 1000 (default 100); anything else is refused with 400")
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return bindings.search(subject, scope, limit).stream().map(AccessMapper::binding).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One role binding")
    @APIResponse(responseCode = "200", description = "The binding")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "404", description = "No such binding")
    public RoleBindingView get(@PathParam("id") UUID id) {
        return AccessMapper.binding(bindings.get(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bind a role to a user or team on a scope, optionally until an expiry")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = RoleBindingView.class)))
    @APIResponse(responseCode = "400", description = "Invalid subject, role, scope or expiry")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "409", description = "The same binding exists")
    public Response create(@Valid @NotNull RoleBindingRequest body) {
        var binding = bindings.create(caller.get(), spec(body));
        return Response.created(URI.create("/api/v1/role-bindings/" + binding.id))
                .entity(AccessMapper.binding(binding)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a role binding's subject, role, scope and expiry (not for grants)")
    @APIResponse(responseCode = "200", description = "The updated binding")
    @APIResponse(responseCode = "400", description = "Invalid subject, role, scope or expiry")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "404", description = "No such binding")
    @APIResponse(responseCode = "409", description = "It is a grant, or the same binding exists")
    public RoleBindingView update(@PathParam("id") UUID id, @Valid @NotNull RoleBindingRequest body) {
        return AccessMapper.binding(bindings.update(caller.get(), id, spec(body)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a role binding (a grant is revoked)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "404", description = "No such binding")
    public void delete(@PathParam("id") UUID id) {
        bindings.delete(caller.get(), id);
    }

    private static BindingSpec spec(RoleBindingRequest body) {
        return new BindingSpec(body.subject(), body.role(), body.scope(), body.expiresAt());
    }
}
