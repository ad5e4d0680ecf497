package dev.runway.ui.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/** access-service as the portal uses it. */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Path("/api/v1")
public interface AccessApi {

    record Grant(UUID id, String subject, String role, String scope, Instant expiresAt, UUID accessRequestId,
            String grantedBy) {
    }

    record Me(String username, String displayName, List<String> teams, List<String> roles, List<Grant> grants) {
    }

    record AccessRequest(UUID id, String requester, String role, String scope, String duration, String justification,
            String status, Instant createdAt, Instant expiresAt, String decidedBy, Instant decidedAt, String comment,
            UUID grantId) {
    }

    record NewAccessRequest(String role, String scope, String duration, String justification) {
    }

    record Comment(String comment) {
    }

    record TeamSummary(String name, long membersSeen, List<String> leads) {
    }

    record RoleBinding(UUID id, String subject, String role, String scope, Instant expiresAt, Instant createdAt,
            String createdBy, UUID accessRequestId) {
    }

    record NewRoleBinding(String subject, String role, String scope, Instant expiresAt) {
    }

    record Lead(String username) {
    }

    record AuditRecord(long seq, Instant occurredAt, String actor, List<String> actorTeams, String action,
            String resource, String outcome, String reason, String sourceService, JsonNode details) {
    }

    record AuditPage(List<AuditRecord> items, String nextCursor) {
    }

    record Verification(boolean ok, Long checkpointId, long fromSeq, long checkedRecords, long lastSeq,
            String headHash, Long brokenAtSeq, String problem) {
    }

    @GET
    @Path("me")
    Me me();

    @GET
    @Path("teams")
    List<TeamSummary> teams();

    @POST
    @Path("teams/{name}/leads")
    void addLead(@PathParam("name") String team, Lead lead);

    @DELETE
    @Path("teams/{name}/leads/{username}")
    void removeLead(@PathParam("name") String team, @PathParam("username") String username);

    @GET
    @Path("grants")
    List<Grant> grants(@QueryParam("mine") boolean mine);

    @GET
    @Path("access-requests")
    List<AccessRequest> myAccessRequests();

    @GET
    @Path("access-requests")
    List<AccessRequest> awaiting(@QueryParam("awaiting") String me);

    @POST
    @Path("access-requests")
    AccessRequest requestAccess(NewAccessRequest body);

    @POST
    @Path("access-requests/{id}/{verdict}")
    AccessRequest decide(@PathParam("id") UUID id, @PathParam("verdict") Verdict verdict, Comment body);

    @GET
    @Path("role-bindings")
    List<RoleBinding> roleBindings(@QueryParam("subject") String subject, @QueryParam("scope") String scope);

    @POST
    @Path("role-bindings")
    RoleBinding createRoleBinding(NewRoleBinding body);

    @DELETE
    @Path("role-bindings/{id}")
    void deleteRoleBinding(@PathParam("id") UUID id);

    @GET
    @Path("audit")
    AuditPage audit(@QueryParam("actor") String actor, @QueryParam("team") String team,
            @QueryParam("action") String action, @QueryParam("resource") String resource,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @QueryParam("limit") int limit);

    @GET
    @Path("audit")
    @Produces("text/csv")
    String auditCsv(@QueryParam("actor") String actor, @QueryParam("team") String team,
            @QueryParam("action") String action, @QueryParam("resource") String resource,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("format") String format);

    @GET
    @Path("audit/verify")
    Verification verify();
}
