package dev.runway.catalog.insights.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.catalog.insights.mapping.InsightsMapper;
import dev.runway.catalog.insights.rest.dto.DoraView;
import dev.runway.catalog.insights.service.DoraService;
import dev.runway.common.security.Roles;

@Path("/api/v1/dora")
@Tag(name = InsightsApi.TAG, description = InsightsApi.DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
public class DoraResource {
    private final DoraService dora;
    private final InsightsMapper mapper;

    public DoraResource(DoraService dora, InsightsMapper mapper) {
        this.dora = dora;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "DORA metrics of an entity, a team or a system",
            description = "Deployment frequency (per day), lead time (median, p90), change failure rate, time to"
                    + " restore (median), rework rate, each with its DORA tier (elite, high, medium, low; no_data"
                    + " when the window holds nothing to measure; rework rate is unrated), and a weekly series.")
    @APIResponse(responseCode = "200", description = "The metrics")
    @APIResponse(responseCode = "400", description = "Not exactly one of entity, team, system; or bad window")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "entity names no live entity")
    public DoraView metrics(
            @QueryParam("entity") @Parameter(description = "Entity ref, default kind Component") String entity,
            @QueryParam("team") @Parameter(description = "Team name: entities owned by group:default/NAME") String team,
            @QueryParam("system") @Parameter(description = "System ref: its components and resources") String system,
            @QueryParam("window") @Parameter(description = "7d, 30d (default) or 90d") String window,
            @QueryParam("environment") @Parameter(description = "Default production") String environment) {
        return mapper.view(dora.metrics(entity, team, system, window, environment));
    }
}
