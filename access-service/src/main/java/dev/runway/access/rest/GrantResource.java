package dev.runway.access.rest;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Provider;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.access.mapping.AccessMapper;
import dev.runway.access.rest.dto.GrantView;
import dev.runway.access.service.GrantService;
import dev.runway.common.security.Caller;
import io.quarkus.security.Authenticated;

/** Live grants from approved access requests. */
@Path("/api/v1/grants")
@Tag(name = "grants", description = "Time-bound grants that approved access requests created")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource {
    private final Provider<Caller> caller;
    private final GrantService grants;

    public GrantResource(Provider<Caller> caller, GrantService grants) {
        this.caller = caller;
        this.grants = grants;
    }

    @GET
    @Operation(summary = "The caller's live grants, or with mine=false everybody's (platform-admins and auditors)")
    @APIResponse(responseCode = "200", description = "Live grants, soonest expiry first")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "mine=false without platform-admin or auditor")
    public List<GrantView> list(@QueryParam("mine") @DefaultValue("true") boolean mine) {
        Caller me = caller.get();
        return (mine ? grants.mine(me) : grants.all(me)).stream().map(AccessMapper::grant).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a grant before it expires (the grantee, a lead of the scope's team, or a platform-admin)")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Visible to the caller but not revocable by it")
    @APIResponse(responseCode = "404", description = "No such live grant visible to the caller")
    public void revoke(@PathParam("id") UUID id) {
        grants.revoke(caller.get(), id);
    }
}
