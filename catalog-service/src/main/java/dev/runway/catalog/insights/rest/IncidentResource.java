package dev.runway.catalog.insights.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.runway.catalog.insights.rest.dto.IncidentBody;
import dev.runway.catalog.insights.rest.dto.ResolutionBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.catalog.insights.domain.Incident;
import dev.runway.catalog.insights.mapping.InsightsMapper;
import dev.runway.catalog.insights.mapping.RequestReader;
import dev.runway.catalog.insights.rest.dto.IncidentView;
import dev.runway.catalog.insights.service.IncidentService;
import dev.runway.catalog.insights.service.Recorded;
import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;

/** Incidents reported by on-call tooling: the events behind time to restore and change failures. */
@Path("/api/v1/incidents")
@Tag(name = InsightsApi.TAG, description = InsightsApi.DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final IncidentService incidents;
    private final RequestReader requests;
    private final InsightsMapper mapper;
    private final Provider<Caller> callers;

    public IncidentResource(IncidentService incidents, RequestReader requests, InsightsMapper mapper,
            Provider<Caller> callers) {
        this.incidents = incidents;
        this.requests = requests;
        this.mapper = mapper;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Record an incident", description = "Idempotent by externalId. severity sev1 (most"
            + " severe) to sev4, any case. causedByDeployment is a recorded deployment's externalId and makes that"
            + " deployment a change failure.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = IncidentBody.class)))
    @APIResponse(responseCode = "201", description = "Recorded; Location names it",
            content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "200", description = "Already recorded with the same content: the stored incident",
            content = @Content(schema = @Schema(implementation = IncidentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field(s), each named")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role or owning team does not allow it")
    @APIResponse(responseCode = "409", description = "externalId already recorded with other content")
    @APIResponse(responseCode = "422", description = "entityRef names no live entity, or causedByDeployment no"
            + " recorded deployment")
    public Response open(String body) {
        Recorded<Incident> r = incidents.open(callers.get(), requests.incident(body));
        return RecordedResponse.of(r, mapper.view(r.value()), "/api/v1/incidents/" + r.value().externalId);
    }

    @PATCH
    @Path("{externalId}")
    @Consumes({ MediaType.APPLICATION_JSON, MERGE_PATCH })
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Resolve an incident", description = "Body {resolvedAt}. Resolving again at the same"
            + " time is a no-op; at another time a conflict.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResolutionBody.class)),
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ResolutionBody.class)) })
    @APIResponse(responseCode = "200", description = "The resolved incident")
    @APIResponse(responseCode = "400", description = "resolvedAt missing or not an instant")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role or owning team does not allow it")
    @APIResponse(responseCode = "404", description = "No such incident")
    @APIResponse(responseCode = "409", description = "Already resolved at another time")
    @APIResponse(responseCode = "422", description = "resolvedAt before openedAt")
    public IncidentView resolve(@PathParam("externalId") String externalId, String body) {
        return mapper.view(incidents.resolve(callers.get(), externalId, requests.resolvedAt(body)));
    }

    @GET
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "List incidents, newest first")
    @APIResponse(responseCode = "200", description = "Incidents")
    @APIResponse(responseCode = "400", description = "Malformed entity or limit out of range")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public List<IncidentView> list(
            @QueryParam("entity") @Parameter(description = "Entity ref, default kind Component") String entity,
            @QueryParam("open") @Parameter(description = "true: unresolved only; false: resolved only") Boolean open,
            @QueryParam("limit") @Parameter(description = "Page size, 1 to runway.catalog.max-page-size "
                    + "(500 by default; default 50); anything else is refused with 400", schema = @Schema(
                            type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
            Integer limit) {
        return incidents.list(entity, open, limit).stream().map(mapper::view).toList();
    }

    @GET
    @Path("{externalId}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Get an incident by its externalId")
    @APIResponse(responseCode = "200", description = "The incident")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such incident")
    public IncidentView get(@PathParam("externalId") String externalId) {
        return mapper.view(incidents.get(externalId));
    }
}
