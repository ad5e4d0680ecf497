package dev.runway.provisioning.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;
import dev.runway.provisioning.mapping.ProvisioningMapper;
import dev.runway.provisioning.rest.dto.DecisionBody;
import dev.runway.provisioning.rest.dto.EventPage;
import dev.runway.provisioning.rest.dto.PageParams;
import dev.runway.provisioning.rest.dto.RequestView;
import dev.runway.provisioning.service.RequestQueryService;
import dev.runway.provisioning.service.RequestService;

@Path("/api/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Requests", description = "Approvals and history of environment and database requests")
public class RequestResource {
    private final RequestService service;
    private final RequestQueryService queries;
    private final Provider<Caller> callers;

    public RequestResource(RequestService service, RequestQueryService queries, Provider<Caller> callers) {
        this.service = service;
        this.queries = queries;
        this.callers = callers;
    }

    @GET
    @Path("/{id}/events")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.AUDITOR })
    @Operation(summary = "The request's timestamped state transitions",
            description = "Oldest first, keyset-paginated: follow nextCursor until it is null.")
    @APIResponse(responseCode = "200", description = "A page of events, oldest first")
    @APIResponse(responseCode = "400", description = "A malformed cursor, or a limit out of range")
    @APIResponse(responseCode = "404", description = "No such request visible to the caller")
    public EventPage events(@PathParam("id") UUID id, @BeanParam PageParams page) {
        return queries.events(callers.get(), id, page.cursor, page.limit).map(ProvisioningMapper::toView)
                .into(EventPage::new);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Approve a request waiting for approval (team lead or platform-admin, not the requester)")
    @APIResponse(responseCode = "200", description = "Approved")
    @APIResponse(responseCode = "403", description = "Not an eligible approver")
    @APIResponse(responseCode = "404", description = "No such request visible to the caller")
    @APIResponse(responseCode = "409", description = "Not waiting for approval")
    public RequestView approve(@PathParam("id") UUID id, @Valid DecisionBody body) {
        return ProvisioningMapper.toView(service.decide(callers.get(), id, true, body == null ? null : body.reason()));
    }

    @POST
    @Path("/{id}/deny")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Deny a request waiting for approval (team lead or platform-admin, not the requester)")
    @APIResponse(responseCode = "200", description = "Denied")
    @APIResponse(responseCode = "403", description = "Not an eligible approver")
    @APIResponse(responseCode = "404", description = "No such request visible to the caller")
    @APIResponse(responseCode = "409", description = "Not waiting for approval")
    public RequestView deny(@PathParam("id") UUID id, @Valid DecisionBody body) {
        return ProvisioningMapper.toView(service.decide(callers.get(), id, false, body == null ? null : body.reason()));
    }
}
