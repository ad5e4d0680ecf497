package dev.runway.provisioning.rest;

import java.net.URI;
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
import dev.runway.provisioning.rest.dto.EnvironmentRequestBody;
import dev.runway.provisioning.rest.dto.ExtendBody;
import dev.runway.provisioning.rest.dto.PageParams;
import dev.runway.provisioning.rest.dto.RequestPage;
import dev.runway.provisioning.rest.dto.RequestView;
import dev.runway.provisioning.service.NewEnvironment;
import dev.runway.provisioning.service.RequestQueryService;
import dev.runway.provisioning.service.RequestService;

@Path("/api/v1/environments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Environments", description = "Requests for Kubernetes environments")
public class EnvironmentResource {
    private final RequestService service;
    private final RequestQueryService queries;
    private final Provider<Caller> callers;

    public EnvironmentResource(RequestService service, RequestQueryService queries, Provider<Caller> callers) {
        this.service = service;
        this.queries = queries;
        this.callers = callers;
    }

    @POST
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Request an environment from a template",
            description = "A retried request with the same Idempotency-Key returns the first result.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the request")
    @APIResponse(responseCode = "400", description = "Invalid body or parameters, per field")
    @APIResponse(responseCode = "403", description = "Not a member of the team")
    @APIResponse(responseCode = "409", description = "Name taken or environment count quota reached")
    @APIResponse(responseCode = "422", description = "CPU or memory quota exceeded")
    public Response request(@Valid @NotNull EnvironmentRequestBody body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        RequestService.Accepted a = service.requestEnvironment(callers.get(), new NewEnvironment(body.name(),
                body.team(), body.template(), body.parameters(), body.ttl(), body.component()), idempotencyKey);
        return Response.accepted(ProvisioningMapper.toView(a.request()))
                .location(URI.create("/api/v1/environments/" + a.request().id())).build();
    }

    @GET
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.AUDITOR })
    @Operation(summary = "Environments the caller may see",
            description = "Newest first, keyset-paginated: follow nextCursor until it is null.")
    @APIResponse(responseCode = "200", description = "A page of environments")
    @APIResponse(responseCode = "400", description = "A malformed cursor, or a limit out of range")
    public RequestPage list(@BeanParam PageParams page) {
        return queries.list(callers.get(), RequestKind.ENVIRONMENT, page.cursor, page.limit)
                .map(ProvisioningMapper::toView)
                .into(RequestPage::new);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.AUDITOR })
    @Operation(summary = "One environment")
    @APIResponse(responseCode = "200", description = "The environment")
    @APIResponse(responseCode = "404", description = "No such environment visible to the caller")
    public RequestView get(@PathParam("id") UUID id) {
        return ProvisioningMapper.toView(service.get(callers.get(), RequestKind.ENVIRONMENT, id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Deprovision an environment and its databases")
    @APIResponse(responseCode = "202", description = "Deprovisioning")
    @APIResponse(responseCode = "403", description = "Not a member of the team")
    @APIResponse(responseCode = "404", description = "No such environment visible to the caller")
    @APIResponse(responseCode = "409", description = "Already gone")
    public Response delete(@PathParam("id") UUID id) {
        return Response.accepted(ProvisioningMapper.toView(
                service.delete(callers.get(), RequestKind.ENVIRONMENT, id))).build();
    }

    @POST
    @Path("/{id}/extend")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Extend an expiring environment: it expires ttl from now")
    @APIResponse(responseCode = "200", description = "The environment with its new expiry")
    @APIResponse(responseCode = "400", description = "Invalid ttl or above the template's maximum")
    @APIResponse(responseCode = "403", description = "Not a member of the team")
    @APIResponse(responseCode = "404", description = "No such environment visible to the caller")
    @APIResponse(responseCode = "409", description = "Not in a state that can be extended")
    @APIResponse(responseCode = "422", description = "The template has no TTL")
    public RequestView extend(@PathParam("id") UUID id, @Valid @NotNull ExtendBody body) {
        return ProvisioningMapper.toView(service.extend(callers.get(), RequestKind.ENVIRONMENT, id, body.ttl()));
    }

    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Retry a FAILED environment from its first step (steps already done are not redone)")
    @APIResponse(responseCode = "202", description = "Provisioning (or deprovisioning) again")
    @APIResponse(responseCode = "403", description = "Not allowed to change it")
    @APIResponse(responseCode = "404", description = "No such environment visible to the caller")
    @APIResponse(responseCode = "409", description = "Not FAILED")
    @APIResponse(responseCode = "503", description = "access-service could not decide")
    public Response retry(@PathParam("id") UUID id) {
        return Response.accepted(ProvisioningMapper.toView(
                service.retry(callers.get(), RequestKind.ENVIRONMENT, id))).build();
    }
}
