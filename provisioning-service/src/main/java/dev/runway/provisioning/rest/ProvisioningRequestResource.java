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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.mapping.ProvisioningMapper;
import dev.runway.provisioning.rest.dto.ExtendBody;
import dev.runway.provisioning.rest.dto.PageParams;
import dev.runway.provisioning.rest.dto.RequestPage;
import dev.runway.provisioning.rest.dto.RequestView;
import dev.runway.provisioning.service.RequestQueryService;
import dev.runway.provisioning.service.RequestService;

/**
 * The endpoints every kind of provisioning request has, the same for each (list, read, delete, retry, extend): a
 * request has one lifecycle whatever its kind. A kind's resource adds how it is requested and what only it offers.
 */
public abstract class ProvisioningRequestResource {
    protected final RequestService service;
    protected final Provider<Caller> callers;
    private final RequestQueryService queries;
    private final RequestKind kind;
    private final String path;

    /** @param path the kind's collection, as in the subclass's {@code @Path} */
    protected ProvisioningRequestResource(RequestKind kind, String path, RequestService service,
            RequestQueryService queries, Provider<Caller> callers) {
        this.kind = kind;
        this.path = path;
        this.service = service;
        this.queries = queries;
        this.callers = callers;
    }

    /** 202 with the accepted request, {@code Location} naming it. */
    protected Response accepted(RequestService.Accepted a) {
        return Response.accepted(ProvisioningMapper.toView(a.request()))
                .location(URI.create(path + "/" + a.request().id())).build();
    }

    @GET
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.AUDITOR })
    @Operation(summary = "The requests of this kind the caller may see",
            description = "Newest first, keyset-paginated: follow nextCursor until it is null.")
    @APIResponse(responseCode = "200", description = "A page of requests")
    @APIResponse(responseCode = "400", description = "A malformed cursor, or a limit out of range")
    public RequestPage list(@BeanParam PageParams page) {
        return queries.list(callers.get(), kind, page.cursor, page.limit)
                .map(ProvisioningMapper::toView)
                .into(RequestPage::new);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.AUDITOR })
    @Operation(summary = "One request")
    @APIResponse(responseCode = "200", description = "The request")
    @APIResponse(responseCode = "404", description = "No such request of this kind visible to the caller")
    public RequestView get(@PathParam("id") UUID id) {
        return ProvisioningMapper.toView(service.get(callers.get(), kind, id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Deprovision it: an environment with its databases; a database with its role and its Secret")
    @APIResponse(responseCode = "202", description = "Deprovisioning",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "403", description = "Not allowed to delete it")
    @APIResponse(responseCode = "404", description = "No such request of this kind visible to the caller")
    @APIResponse(responseCode = "409", description = "Already gone")
    public Response delete(@PathParam("id") UUID id) {
        return Response.accepted(ProvisioningMapper.toView(service.delete(callers.get(), kind, id))).build();
    }

    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Retry a FAILED request from its first step (steps already done are not redone)")
    @APIResponse(responseCode = "202", description = "Provisioning (or deprovisioning) again",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "403", description = "Not allowed to change it")
    @APIResponse(responseCode = "404", description = "No such request of this kind visible to the caller")
    @APIResponse(responseCode = "409", description = "Not FAILED, or (a database) its environment is not READY")
    @APIResponse(responseCode = "503", description = "access-service could not decide")
    public Response retry(@PathParam("id") UUID id) {
        return Response.accepted(ProvisioningMapper.toView(service.retry(callers.get(), kind, id))).build();
    }

    @POST
    @Path("/{id}/extend")
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Extend an expiring environment: it expires ttl from now. A database lives as long as its "
            + "environment, so extending a database extends its environment (and every database in it)")
    @APIResponse(responseCode = "200", description = "The request with its new expiry")
    @APIResponse(responseCode = "400", description = "Invalid ttl or above the environment template's maximum")
    @APIResponse(responseCode = "403", description = "Not allowed to change it (or, a database, its environment)")
    @APIResponse(responseCode = "404", description = "No such request of this kind visible to the caller")
    @APIResponse(responseCode = "409", description = "It (or its environment) is not in a state that can be extended")
    @APIResponse(responseCode = "422", description = "The environment's template has no TTL")
    public RequestView extend(@PathParam("id") UUID id, @Valid @NotNull ExtendBody body) {
        return ProvisioningMapper.toView(service.extend(callers.get(), kind, id, body.ttl()));
    }
}
