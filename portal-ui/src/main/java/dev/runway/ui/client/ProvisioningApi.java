package dev.runway.ui.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/** provisioning-service as the portal uses it; {@code kind} is "environments" or "databases". */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Path("/api/v1")
public interface ProvisioningApi {

    Set<String> TERMINAL = Set.of("READY", "FAILED", "DENIED", "DELETED");

    record Ttl(String defaultTtl, String max) {
    }

    record Plan(int connectionLimit, int cpuMillis, int memoryMiB) {
    }

    /** {@code available}: requests of it can be met here (a database template: a server of its engine is configured). */
    record Template(String id, String version, String kind, String description, boolean approvalRequired,
            boolean available, Ttl ttl, Map<String, Object> defaults, Map<String, Plan> plans, JsonNode parameters) {
        public boolean isDatabase() {
            return "database".equals(kind);
        }
    }

    record Request(UUID id, String kind, String name, String team, String template, Map<String, Object> parameters,
            String state, String reason, Boolean retryable, int attempts, String namespace, UUID environment,
            String requestedBy, boolean approvalRequired, String decidedBy, Instant expiresAt, String secretName,
            String component, Instant createdAt, Instant updatedAt) {
        public boolean isDatabase() {
            return "DATABASE".equalsIgnoreCase(kind);
        }

        /** The path segment of the API and of the portal's pages for this kind. */
        public String collection() {
            return isDatabase() ? "databases" : "environments";
        }

        public boolean terminal() {
            return TERMINAL.contains(state);
        }

        public boolean gone() {
            return "DELETED".equals(state) || "DENIED".equals(state);
        }
    }

    record Event(String from, String to, Instant at, String actor, String reason) {
    }

    /** A page of environments or databases, newest first; {@code nextCursor} is null on the last page. */
    record RequestPage(List<Request> items, String nextCursor) {
    }

    /** A page of a request's events, oldest first; {@code nextCursor} is null on the last page. */
    record EventPage(List<Event> items, String nextCursor) {
    }

    record Credentials(String secretName, String namespace, boolean revealed, String username, String password,
            String host, Integer port, String database) {
    }

    record EnvironmentBody(String name, String team, String template, Map<String, Object> parameters, String ttl,
            String component) {
    }

    record DatabaseBody(String name, String team, String engine, String plan, UUID environment, String component) {
    }

    record Extend(String ttl) {
    }

    record Decision(String reason) {
    }

    @GET
    @Path("templates")
    List<Template> templates();

    @GET
    @Path("templates/{id}")
    Template template(@PathParam("id") String id);

    @GET
    @Path("{kind}")
    RequestPage list(@PathParam("kind") String kind, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit);

    @GET
    @Path("{kind}/{id}")
    Request get(@PathParam("kind") String kind, @PathParam("id") UUID id);

    @POST
    @Path("environments")
    Request requestEnvironment(EnvironmentBody body);

    @POST
    @Path("databases")
    Request requestDatabase(DatabaseBody body);

    @GET
    @Path("requests/{id}/events")
    EventPage events(@PathParam("id") UUID id, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit);

    @POST
    @Path("{kind}/{id}/extend")
    Request extend(@PathParam("kind") String kind, @PathParam("id") UUID id, Extend body);

    @POST
    @Path("{kind}/{id}/retry")
    Request retry(@PathParam("kind") String kind, @PathParam("id") UUID id);

    @DELETE
    @Path("{kind}/{id}")
    Request delete(@PathParam("kind") String kind, @PathParam("id") UUID id);

    @POST
    @Path("requests/{id}/{verdict}")
    Request decide(@PathParam("id") UUID id, @PathParam("verdict") Verdict verdict, Decision body);

    @GET
    @Path("databases/{id}/credentials")
    Credentials credentials(@PathParam("id") UUID id);

    @POST
    @Path("databases/{id}/rotate")
    Request rotate(@PathParam("id") UUID id);
}
