package dev.runway.ui.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * catalog-service's insights (DORA metrics, scorecards, deployments, incidents) as the portal reads them; a
 * separate interface from {@link CatalogApi} because it lives beside {@code /api/v1/entities}, not under it.
 */
@Produces(MediaType.APPLICATION_JSON)
@Path("/api/v1")
public interface InsightsApi {

    /** Tiers are elite, high, medium, low, no_data or unrated, as catalog-service writes them. */
    record Dora(Scope scope, String window, String environment, Instant from, Instant to,
            DeploymentFrequency deploymentFrequency, LeadTime leadTime, ChangeFailureRate changeFailureRate,
            TimeToRestore timeToRestore, ReworkRate reworkRate, List<WeekPoint> series) {
    }

    record Scope(String type, String ref, long entities) {
    }

    /** @param value deployments per day */
    record DeploymentFrequency(Double value, int deployments, String tier) {
    }

    record LeadTime(Double medianSeconds, Long p90Seconds, int samples, String tier) {
    }

    record ChangeFailureRate(Double value, int failures, int deployments, String tier) {
    }

    record TimeToRestore(Double medianSeconds, int samples, int openIncidents, String tier) {
    }

    record ReworkRate(Double value, int reworkDeployments, int deployments, String tier) {
    }

    record WeekPoint(LocalDate weekStart, int deployments, int failures, Double medianLeadTimeSeconds,
            int reworkDeployments, int incidentsResolved, Double medianTimeToRestoreSeconds) {
    }

    record ScorecardRef(String id, String title) {
    }

    /** @param status passed, failed or not_applicable */
    record RuleVerdict(String id, String description, String level, String check, String status, boolean passed,
            String reason) {
    }

    record EntityScorecard(String entityRef, ScorecardRef scorecard, String level, int passed, int failed,
            int notApplicable, List<RuleVerdict> rules) {
    }

    record FailingRule(String id, String description, String level, String check, int failing) {
    }

    record EntityLevel(String entityRef, String kind, String level, int failedRules) {
    }

    /** @param levels entities per level: none, bronze, silver, gold */
    record Rollup(String team, ScorecardRef scorecard, int entities, Map<String, Integer> levels,
            List<FailingRule> failingRules, List<EntityLevel> items) {
    }

    record Deployment(String id, String externalId, String entityRef, String environment, String version,
            String commitSha, Instant startedAt, Instant finishedAt, String status, boolean rework,
            Long leadTimeSeconds, String recordedBy) {
    }

    record Incident(String id, String externalId, String entityRef, String severity, Instant openedAt,
            Instant resolvedAt, boolean open, Long timeToRestoreSeconds, String causedByDeployment) {
    }

    @GET
    @Path("dora")
    Dora dora(@QueryParam("team") String team, @QueryParam("entity") String entity,
            @QueryParam("window") String window, @QueryParam("environment") String environment);

    @GET
    @Path("scorecards")
    Rollup teamScorecard(@QueryParam("team") String team);

    @GET
    @Path("scorecards/{kind}/{namespace}/{name}")
    EntityScorecard entityScorecard(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name);

    @GET
    @Path("deployments")
    List<Deployment> deployments(@QueryParam("entity") String entity, @QueryParam("limit") Integer limit);

    @GET
    @Path("incidents")
    List<Incident> incidents(@QueryParam("entity") String entity, @QueryParam("open") Boolean open);
}
