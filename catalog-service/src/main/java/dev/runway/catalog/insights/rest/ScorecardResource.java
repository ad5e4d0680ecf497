package dev.runway.catalog.insights.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.catalog.insights.mapping.InsightsMapper;
import dev.runway.catalog.insights.rest.dto.EntityScorecardView;
import dev.runway.catalog.insights.rest.dto.ScorecardRollupView;
import dev.runway.catalog.insights.service.ScorecardService;
import dev.runway.common.security.Roles;

/** Scorecards evaluated live against the catalog: one entity in detail, or a team's rollup. */
@Path("/api/v1/scorecards")
@Tag(name = InsightsApi.TAG, description = InsightsApi.DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
public class ScorecardResource {
    private final ScorecardService scorecards;
    private final InsightsMapper mapper;

    public ScorecardResource(ScorecardService scorecards, InsightsMapper mapper) {
        this.scorecards = scorecards;
        this.mapper = mapper;
    }

    @GET
    @Path("{kind}/{namespace}/{name}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "An entity's scorecard: every rule passed, failed or not applicable, with the reason")
    @APIResponse(responseCode = "200", description = "The verdicts and the level reached")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such live entity or scorecard, or the scorecard does not"
            + " apply to the entity's kind")
    public EntityScorecardView entity(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name,
            @QueryParam("scorecard") @Parameter(description = "Scorecard id, default \"default\"") String scorecard) {
        return mapper.view(scorecards.entity(kind, namespace, name, scorecard));
    }

    @GET
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "A team's rollup: entities per level, the rules failing most, each entity's level")
    @APIResponse(responseCode = "200", description = "The rollup")
    @APIResponse(responseCode = "400", description = "team missing or malformed")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such scorecard")
    public ScorecardRollupView team(
            @QueryParam("team") @Parameter(description = "Team name (group:default/NAME owns the entities)")
            String team,
            @QueryParam("scorecard") @Parameter(description = "Scorecard id, default \"default\"") String scorecard) {
        return mapper.view(scorecards.team(team, scorecard));
    }
}
