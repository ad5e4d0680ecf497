package dev.runway.common.ratelimit;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import io.quarkus.security.Authenticated;

/** Test-only endpoints under /api/ standing for a service's reads and writes. */
@Path("/api/v1/rate-probe")
@Authenticated
public class RateLimitProbeResource {

    @GET
    public String read() {
        return "read";
    }

    @POST
    public String create() {
        return "created";
    }

    @PUT
    public String replace() {
        return "replaced";
    }

    @DELETE
    public String delete() {
        return "deleted";
    }

    @POST
    @Path("lint")
    @RateLimitedAsCheck("a check that changes nothing, like validating descriptors")
    public String lint() {
        return "linted";
    }

    @POST
    @Path("question")
    @RateLimitExempt("a question asked with POST, like a policy decision")
    public String ask() {
        return "answered";
    }
}
