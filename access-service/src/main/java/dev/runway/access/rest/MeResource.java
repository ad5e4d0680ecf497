package dev.runway.access.rest;

import java.util.List;
import java.util.TreeSet;

import jakarta.inject.Provider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.access.mapping.AccessMapper;
import dev.runway.access.rest.dto.MeView;
import dev.runway.access.service.GrantService;
import dev.runway.access.service.TeamService;
import dev.runway.common.security.Caller;
import io.quarkus.security.Authenticated;

@Path("/api/v1/me")
@Tag(name = "identity", description = "The signed-in caller: who the token says they are and what they may do")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    private final Provider<Caller> caller;
    private final TeamService teams;
    private final GrantService grants;

    public MeResource(Provider<Caller> caller, TeamService teams, GrantService grants) {
        this.caller = caller;
        this.teams = teams;
        this.grants = grants;
    }

    @GET
    @Authenticated
    @Operation(summary = "Who the caller is: user name, display name, teams (SSO groups), realm roles and live grants")
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    public MeView me() {
        Caller me = caller.get();
        teams.recordSeen(me.username(), me.displayName(), me.teams());
        return new MeView(me.username(), me.displayName(), me.teams(), List.copyOf(new TreeSet<>(me.roles())),
                grants.mine(me).stream().map(AccessMapper::grant).toList());
    }
}
