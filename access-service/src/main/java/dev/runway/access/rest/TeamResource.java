package dev.runway.access.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.access.mapping.AccessMapper;
import dev.runway.access.rest.dto.LeadRequest;
import dev.runway.access.rest.dto.LeadView;
import dev.runway.access.rest.dto.TeamSummaryView;
import dev.runway.access.rest.dto.TeamView;
import dev.runway.access.service.TeamService;
import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;
import io.quarkus.security.Authenticated;

@Path("/api/v1/teams")
@Tag(name = "teams", description = "Teams, their members and leads, as synced from SSO groups")
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {
    static final String TEAM = "[a-z0-9][a-z0-9._-]{0,62}";
    static final String USER = "[a-z0-9][a-z0-9._@-]{0,254}";

    private final Provider<Caller> caller;
    private final TeamService teams;

    public TeamResource(Provider<Caller> caller, TeamService teams) {
        this.caller = caller;
        this.teams = teams;
    }

    @GET
    @Authenticated
    @Operation(summary = "Teams known to Runway: seen in tokens, with leads, or named by role bindings")
    @APIResponse(responseCode = "200", description = "The teams, by name")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    public List<TeamSummaryView> list() {
        return teams.list().stream().map(t -> new TeamSummaryView(t.name(), t.members(), t.leads())).toList();
    }

    @GET
    @Path("/{name}")
    @Authenticated
    @Operation(summary = "A team: members seen so far, leads and role bindings")
    @APIResponse(responseCode = "200", description = "The team")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "404", description = "No such team known")
    public TeamView get(@PathParam("name") @Pattern(regexp = TEAM, message = "must be a team name") String name) {
        return AccessMapper.team(teams.get(name));
    }

    @POST
    @Path("/{name}/leads")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a user a lead of the team (platform-admin only)")
    @APIResponse(responseCode = "201", description = "The user now leads the team",
            content = @Content(schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "400", description = "Invalid team or user name")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "409", description = "Already a lead")
    public Response addLead(@PathParam("name") @Pattern(regexp = TEAM, message = "must be a team name") String name,
            @Valid @NotNull LeadRequest body) {
        var lead = teams.addLead(caller.get(), name, body.username());
        return Response.created(URI.create("/api/v1/teams/" + name + "/leads/" + lead.username))
                .entity(AccessMapper.lead(lead)).build();
    }

    @DELETE
    @Path("/{name}/leads/{username}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Remove a lead of the team (platform-admin only)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    @APIResponse(responseCode = "404", description = "The user does not lead the team")
    public void removeLead(@PathParam("name") @Pattern(regexp = TEAM, message = "must be a team name") String name,
            @PathParam("username") @Pattern(regexp = USER, message = "must be a user name") String username) {
        teams.removeLead(caller.get(), name, username);
    }
}
