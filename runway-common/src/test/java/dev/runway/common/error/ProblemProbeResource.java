package dev.runway.common.error;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Test-only endpoints that provoke each kind of error the shared mapper must render as problem+json. */
@Path("/probe")
@PermitAll
public class ProblemProbeResource {

    public record Item(@NotBlank String name, @NotNull @Min(1) Integer count, List<@NotBlank String> tags) {
    }

    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull Item item) {
        return Response.status(201).entity(item).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("items")
    public List<String> list(@QueryParam("limit") @Min(1) int limit) {
        return List.of();
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("connection to jdbc:postgresql://db/secret failed");
    }

    @GET
    @Path("conflict")
    public String conflict() {
        throw new ConflictException("An entity named payments-api already exists.");
    }
}
