package dev.runway.catalog.insights.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.runway.catalog.insights.rest.dto.ScorecardBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.catalog.insights.mapping.InsightsMapper;
import dev.runway.catalog.insights.mapping.RequestReader;
import dev.runway.catalog.insights.rest.dto.ScorecardDefinitionView;
import dev.runway.catalog.insights.service.Recorded;
import dev.runway.catalog.insights.service.ScorecardService;
import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;

/** Scorecards as data: readable by everyone, written by platform-admins only. */
@Path("/api/v1/scorecard-definitions")
@Tag(name = InsightsApi.TAG, description = InsightsApi.DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
public class ScorecardDefinitionResource {
    private final ScorecardService scorecards;
    private final RequestReader requests;
    private final InsightsMapper mapper;
    private final Provider<Caller> callers;

    public ScorecardDefinitionResource(ScorecardService scorecards, RequestReader requests, InsightsMapper mapper,
            Provider<Caller> callers) {
        this.scorecards = scorecards;
        this.requests = requests;
        this.mapper = mapper;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "List scorecard definitions")
    @APIResponse(responseCode = "200", description = "The definitions, by id")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public List<ScorecardDefinitionView> list() {
        return scorecards.list().stream().map(mapper::view).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.DEVELOPER, Roles.AUDITOR, Roles.PLATFORM_ADMIN, Roles.SERVICE })
    @Operation(summary = "Get a scorecard definition")
    @APIResponse(responseCode = "200", description = "The definition")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "No such scorecard")
    public ScorecardDefinitionView get(@PathParam("id") String id) {
        return mapper.view(scorecards.get(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Create or replace a scorecard definition", description = "Rules use a fixed vocabulary"
            + " of checks: owner_is_group, has_description, has_tags, has_lifecycle, api_has_definition,"
            + " production_has_system, has_docs_or_runbook, has_on_call, has_source_location, deployed_last_30_days.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ScorecardBody.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ScorecardDefinitionView.class)))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = ScorecardDefinitionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field(s), each named")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    public Response put(@PathParam("id") String id, String body) {
        Recorded<ScorecardService.Scorecard> saved = scorecards.put(callers.get(), id, requests.scorecard(id, body));
        return RecordedResponse.of(saved, mapper.view(saved.value()), "/api/v1/scorecard-definitions/" + id);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Delete a scorecard definition")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "404", description = "No such scorecard")
    public Response delete(@PathParam("id") String id) {
        scorecards.delete(callers.get(), id);
        return Response.noContent().build();
    }
}
