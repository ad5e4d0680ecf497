package dev.runway.ui.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The authenticated ping every Runway API serves: proves the user's token is accepted there. */
@Path("/api/v1/ping")
public interface PingApi {

    record Pong(String service, String caller, List<String> roles) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Pong ping();
}
