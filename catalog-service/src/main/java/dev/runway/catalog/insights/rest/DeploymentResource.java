package dev.runway.catalog.insights.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.runway.catalog.insights.rest.dto.DeploymentBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.catalog.insights.domain.Deployment;
import dev.runway.catalog.insights.mapping.InsightsMapper;
import dev.runway.catalog.insights.mapping.RequestReader;
import dev.runway.catalog.insights.rest.dto.DeploymentView;
import dev.runway.catalog.insights.service.DeploymentService;
import dev.runway.catalog.insights.service.Recorded;
import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;

/** Deployments reported by CI: the events behind deployment frequency, lead time and change failure rate. */
@Path("/api/v1/deployments")
@Tag(name = InsightsApi.TAG, description = InsightsApi.DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {
    private final DeploymentService deployments;
    private final RequestReader requests;
    private final InsightsMapper mapper;
    private final Provider<Caller> callers;

    public DeploymentResource(DeploymentService deployments, RequestReader requests, InsightsMapper mapper,
            Provider<Caller> callers) {
        this.deployments = deployments;
        this.requests = requests;
        this.mapper = mapper;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Record a deployment", description = "Idempotent by externalId. entityRef is"
            + " [kind:][namespace/]name (default kind Component). Lead time runs from the earliest of commitTimes and"
            + " firstCommitAt to finishedAt. Allowed for members of the owning team, platform-admins and Runway"
            + " service accounts.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DeploymentBody.class)))
    @APIResponse(responseCode = "201", description = "Recorded; Location names it",
            content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "200", description = "Already recorded with the same content: the stored deployment",
            content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field(s), each named")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role or owning team does not allow it")
    @APIResponse(responseCode = "409", description = "externalId already recorded with other content")
    @APIResponse(responseCode = "422", description = "entityRef names no live entity")
    public Response record(String body) {
        Recorded<Deployment> r = deployments.record(callers.get(), requests.deployment(body));
        return RecordedResponse.of(r, mapper.view(r.value()), "/api/v1/deployments/" + r.value().externalId);
    }

    @GET
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "List deployments, newest first")
    @APIResponse(responseCode = "200", description = "Deployments")
    @APIResponse(responseCode = "400", description = "Malformed entity or limit out of range")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public List<DeploymentView> list(
            @QueryParam("entity") @Parameter(description = "Entity ref, default kind Component") String entity,
            @QueryParam("environment") String environment,
            @QueryParam("limit") @Parameter(description = "Page size, 1 to runway.catalog.max-page-size "
                    + "(500 by default; default 50); anything else is refused with 400", schema = @Schema(
                            type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
            Integer limit) {
        return deployments.list(entity, environment, limit).stream().map(mapper::view).toList();
    }

    @GET
    @Path("{externalId}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Get a deployment by its externalId")
    @APIResponse(responseCode = "200", description = "The deployment")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such deployment")
    public DeploymentView get(@PathParam("externalId") String externalId) {
        return mapper.view(deployments.get(externalId));
    }
}
