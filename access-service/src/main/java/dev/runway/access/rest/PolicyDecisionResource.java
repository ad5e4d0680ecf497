package dev.runway.access.rest;

import java.util.List;

import jakarta.inject.Provider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.access.service.DecisionService;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.policy.Actions;
import dev.runway.common.policy.BatchDecisionRequest;
import dev.runway.common.policy.BatchDecisionResponse;
import dev.runway.common.policy.Decision;
import dev.runway.common.policy.DecisionRequest;
import dev.runway.common.policy.Reach;
import dev.runway.common.ratelimit.RateLimitExempt;
import dev.runway.common.security.Caller;
import io.quarkus.security.Authenticated;

/**
 * The policy decision point. Without {@code subject} the question is about the token's caller; a caller holding the
 * {@code service} role may ask about a user by passing {@code subject} with the teams and roles from that user's
 * token. Every decision is audited; a DENY is an answer (200), not an error.
 */
@Path("/api/v1/decisions")
@RateLimitExempt("a question, not a write: catalog- and provisioning-service ask it with the user's own token on "
        + "their reads and writes, so limiting it would turn a user's catalog page into a 503")
@Tag(name = "decisions", description = "The policy decision point: may this caller do this action on this resource (audited)")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PolicyDecisionResource {
    private final Provider<Caller> caller;
    private final DecisionService decisions;

    public PolicyDecisionResource(Provider<Caller> caller, DecisionService decisions) {
        this.caller = caller;
        this.decisions = decisions;
    }

    @POST
    @Operation(summary = "May the subject do the action on the resource? ALLOW or DENY, with the reason")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "An explicit subject from a caller without the service role")
    public Decision decide(@Valid @NotNull DecisionRequest request) {
        return decisions.decide(caller.get(), request);
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Many decisions in one call (list pages), answered in order")
    @APIResponse(responseCode = "200", description = "The decisions, in the order of the checks")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "403", description = "An explicit subject from a caller without the service role")
    public BatchDecisionResponse decideAll(@Valid @NotNull BatchDecisionRequest request) {
        return new BatchDecisionResponse(decisions.decideAll(caller.get(), request.checks()));
    }

    @GET
    @Path("/reach")
    @Operation(summary = "Where may the caller's action apply? Everything, or the resources of some teams and some "
            + "named resources: a superset for narrowing a list before deciding its candidates")
    @APIResponse(responseCode = "200", description = "The reach of the action for the caller")
    @APIResponse(responseCode = "400", description = "Missing or unknown action")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    public Reach reach(@QueryParam("action") @NotBlank @Size(max = 128) String action) {
        if (!Actions.isKnown(action)) {
            throw new InvalidInputException("Unknown action " + action + ".",
                    List.of(new Problem.Violation("action", "must be one of " + Actions.ALL)));
        }
        return decisions.reach(caller.get(), action);
    }
}
