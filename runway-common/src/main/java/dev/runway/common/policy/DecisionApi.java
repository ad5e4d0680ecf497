package dev.runway.common.policy;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * access-service's decision API as a typed REST client. Configure it with
 * {@code quarkus.rest-client.runway-access.url}; use it through {@link AccessDecisions}, which fails closed.
 */
@RegisterRestClient(configKey = "runway-access")
@Path("/api/v1/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface DecisionApi {

    @POST
    Decision decide(@HeaderParam("Authorization") String authorization, DecisionRequest request);

    @POST
    @Path("/batch")
    BatchDecisionResponse decideAll(@HeaderParam("Authorization") String authorization, BatchDecisionRequest request);

    @GET
    @Path("/reach")
    Reach reach(@HeaderParam("Authorization") String authorization, @QueryParam("action") String action);
}
