package dev.runway.access.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Provider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import dev.runway.access.rest.dto.AccessRequestCreate;
import dev.runway.access.rest.dto.AccessRequestView;
import dev.runway.access.rest.dto.ApprovalRequest;
import dev.runway.access.rest.dto.DenialRequest;
import dev.runway.access.service.AccessRequestService.NewRequest;
import dev.runway.access.service.AccessRequestService;
import dev.runway.common.security.Caller;
import io.quarkus.security.Authenticated;

/** Just-in-time access requests and the approvals inbox. */
@Path("/api/v1/access-requests")
@Tag(name = "access-requests", description = "Just-in-time access requests: ask, approve or deny, expire")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AccessRequestResource {
    private final Provider<Caller> caller;
    private final AccessRequestService requests;

    public AccessRequestResource(Provider<Caller> caller, AccessRequestService requests) {
        this.caller = caller;
        this.requests = requests;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a role on a scope for a duration (ISO-8601), with a justification")
    @APIResponse(responseCode = "201", description = "Pending; Location names it",
            content = @Content(schema = @Schema(implementation = AccessRequestView.class)))
    @APIResponse(responseCode = "400", description = "Invalid role, scope, duration (beyond the cap for the role) or justification")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "409", description = "The same request is already pending")
    public Response create(@Valid @NotNull AccessRequestCreate body) {
        var request = requests.create(caller.get(),
                new NewRequest(body.role(), body.scope(), body.duration(), body.justification()));
        return Response.created(URI.create("/api/v1/access-requests/" + request.id))
                .entity(AccessMapper.request(request)).build();
    }

    @GET
    @Operation(summary = "The caller's own requests, or with awaiting=me the pending requests the caller may decide")
    @APIResponse(responseCode = "200", description = "The requests")
    @APIResponse(responseCode = "400", description = "Invalid parameter")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    public List<AccessRequestView> list(
            @QueryParam("awaiting") @Pattern(regexp = "me", message = "must be me") String awaiting,
            @Parameter(description = "Page size, 1 to 1000 (default 100); anything else is refused with 400")
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        Caller me = caller.get();
        var found = awaiting == null ? requests.mine(me, limit) : requests.awaiting(me, limit);
        return found.stream().map(AccessMapper::request).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One request (its requester, eligible approvers, platform-admins and auditors only)")
    @APIResponse(responseCode = "200", description = "The request")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "404", description = "No such request, or not visible to the caller")
    public AccessRequestView get(@PathParam("id") UUID id) {
        return AccessMapper.request(requests.get(caller.get(), id));
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve: creates a grant that expires after the requested duration")
    @APIResponse(responseCode = "200", description = "Approved, with the grant's id")
    @APIResponse(responseCode = "400", description = "Invalid comment")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not an eligible approver (a lead of the scope's team or a platform-admin, never the requester)")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "No longer pending")
    public AccessRequestView approve(@PathParam("id") UUID id, @Valid ApprovalRequest body) {
        return AccessMapper.request(requests.approve(caller.get(), id, body == null ? null : body.comment()));
    }

    @POST
    @Path("/{id}/deny")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deny, saying why")
    @APIResponse(responseCode = "200", description = "Denied")
    @APIResponse(responseCode = "400", description = "Missing comment")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not an eligible approver")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "No longer pending")
    public AccessRequestView deny(@PathParam("id") UUID id, @Valid @NotNull DenialRequest body) {
        return AccessMapper.request(requests.deny(caller.get(), id, body.comment()));
    }
}
