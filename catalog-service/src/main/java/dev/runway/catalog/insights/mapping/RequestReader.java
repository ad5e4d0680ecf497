package dev.runway.catalog.insights.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.catalog.domain.EntityKind;
import dev.runway.catalog.insights.domain.Deployment;
import dev.runway.catalog.insights.domain.Incident;
import dev.runway.catalog.insights.domain.ScorecardDefinition;
import dev.runway.catalog.insights.scorecard.ScorecardCheck;
import dev.runway.catalog.insights.scorecard.ScorecardLevel;
import dev.runway.catalog.insights.scorecard.ScorecardRule;
import dev.runway.catalog.insights.service.NewDeployment;
import dev.runway.catalog.insights.service.NewIncident;
import dev.runway.catalog.insights.service.ScorecardDraft;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;

/**
 * Request bodies of the insights API to the services' commands. Every field is checked in one pass, so that a 400
 * names everything wrong at once: unknown fields, wrong types, missing values and contradictions between fields.
 */
@ApplicationScoped
public class RequestReader {
    private static final Set<String> DEPLOYMENT_FIELDS = Set.of("entityRef", "environment", "version", "commitSha",
            "commitTimes", "firstCommitAt", "startedAt", "finishedAt", "status", "rework", "externalId");
    private static final Set<String> INCIDENT_FIELDS = Set.of("entityRef", "severity", "openedAt", "resolvedAt",
            "causedByDeployment", "externalId");
    private static final int MAX_RULES = 100;

    private final ObjectMapper json;

    public RequestReader(ObjectMapper json) {
        this.json = json;
    }

    public NewDeployment deployment(String body) {
        JsonInput in = JsonInput.parse(json, body, DEPLOYMENT_FIELDS);
        String entityRef = in.text("entityRef", true, 400);
        String environment = in.text("environment", true, 63);
        if (environment != null) {
            environment = environment.toLowerCase(Locale.ROOT);
            if (!Deployment.ENVIRONMENT.matcher(environment).matches()) {
                in.violation("environment", "must be letters, digits, . _ - (e.g. production)");
            }
        }
        String version = in.text("version", true, 200);
        String commitSha = in.text("commitSha", false, 200);
        List<Instant> commitTimes = in.instants("commitTimes", 10_000);
        Instant firstCommitAt = in.instant("firstCommitAt", false);
        Instant startedAt = in.instant("startedAt", true);
        Instant finishedAt = in.instant("finishedAt", true);
        String status = in.text("status", true, 20);
        if (status != null) {
            status = status.toLowerCase(Locale.ROOT);
            if (!Deployment.STATUSES.contains(status)) {
                in.violation("status", "must be success, failure or rolled_back");
            }
        }
        Boolean rework = in.bool("rework");
        String externalId = in.externalId("externalId", true);
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            in.violation("finishedAt", "must not be before startedAt");
        }
        Instant earliest = Deployment.earliest(commitTimes, firstCommitAt);
        if (earliest != null && finishedAt != null && earliest.isAfter(finishedAt)) {
            in.violation(firstCommitAt != null && firstCommitAt.equals(earliest) ? "firstCommitAt" : "commitTimes",
                    "a commit cannot be younger than the deployment that shipped it (finishedAt " + finishedAt + ")");
        }
        in.throwIfInvalid("deployment");
        return new NewDeployment(entityRef, environment, version, commitSha,
                commitTimes.stream().distinct().sorted().toList(), firstCommitAt, startedAt, finishedAt, status,
                rework != null && rework, externalId);
    }

    public NewIncident incident(String body) {
        JsonInput in = JsonInput.parse(json, body, INCIDENT_FIELDS);
        String entityRef = in.text("entityRef", true, 400);
        String severity = in.text("severity", true, 10);
        if (severity != null) {
            severity = Incident.severity(severity).orElse(null);
            if (severity == null) {
                in.violation("severity", "must be sev1 (most severe), sev2, sev3 or sev4");
            }
        }
        Instant openedAt = in.instant("openedAt", true);
        Instant resolvedAt = in.instant("resolvedAt", false);
        String cause = in.externalId("causedByDeployment", false);
        String externalId = in.externalId("externalId", true);
        if (openedAt != null && resolvedAt != null && resolvedAt.isBefore(openedAt)) {
            in.violation("resolvedAt", "must not be before openedAt");
        }
        in.throwIfInvalid("incident");
        return new NewIncident(entityRef, severity, openedAt, resolvedAt, cause, externalId);
    }

    /** The body of a resolution: {@code {resolvedAt}}. */
    public Instant resolvedAt(String body) {
        JsonInput in = JsonInput.parse(json, body, Set.of("resolvedAt"));
        Instant resolvedAt = in.instant("resolvedAt", true);
        in.throwIfInvalid("resolution");
        return resolvedAt;
    }

    /** A scorecard definition for the path's {@code id}, which is checked before the body. */
    public ScorecardDraft scorecard(String id, String body) {
        if (!ScorecardDefinition.ID.matcher(id).matches()) {
            throw new InvalidInputException("Invalid scorecard id.", List.of(new Problem.Violation("id",
                    "must be lower-case letters, digits and dashes, at most 63")));
        }
        JsonInput in = JsonInput.parse(json, body, Set.of("id", "title", "description", "appliesTo", "rules"));
        String bodyId = in.text("id", false, 63);
        if (bodyId != null && !bodyId.equals(id)) {
            in.violation("id", "must match the path (" + id + ") or be left out");
        }
        String title = in.text("title", true, 200);
        String description = in.text("description", false, 2000);
        List<String> kinds = kinds(in);
        List<ScorecardRule> rules = rules(in);
        in.throwIfInvalid("scorecard");
        return new ScorecardDraft(title, description, kinds, rules);
    }

    private static List<String> kinds(JsonInput in) {
        JsonNode node = in.node("appliesTo");
        if (node == null || !node.isArray() || node.isEmpty()) {
            in.violation("appliesTo", "must be a non-empty array of kinds (" + EntityKind.wireNames() + ")");
            return List.of();
        }
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            EntityKind k = node.get(i).isTextual() ? EntityKind.fromAnyCase(node.get(i).asText()) : null;
            if (k == null) {
                in.violation("appliesTo[" + i + "]", "unknown kind; expected one of " + EntityKind.wireNames());
            } else if (!kinds.contains(k.wireName)) {
                kinds.add(k.wireName);
            }
        }
        return kinds;
    }

    private static List<ScorecardRule> rules(JsonInput in) {
        JsonNode node = in.node("rules");
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_RULES) {
            in.violation("rules", "must be an array of 1 to " + MAX_RULES + " rules");
            return List.of();
        }
        List<ScorecardRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String at = "rules[" + i + "]";
            if (!r.isObject()) {
                in.violation(at, "must be an object {id, description, level, check}");
                continue;
            }
            String id = r.path("id").asText("");
            String description = r.path("description").asText("").trim();
            var level = ScorecardLevel.ruleLevel(r.path("level").asText(""));
            var check = ScorecardCheck.fromWire(r.path("check").asText(""));
            boolean ok = true;
            if (!ScorecardDefinition.ID.matcher(id).matches()) {
                in.violation(at + ".id", "must be lower-case letters, digits and dashes, at most 63");
                ok = false;
            } else if (!ids.add(id)) {
                in.violation(at + ".id", "duplicate rule id " + id);
                ok = false;
            }
            if (description.isEmpty() || description.length() > 500) {
                in.violation(at + ".description", "must be a non-empty string of at most 500 characters");
                ok = false;
            }
            if (level.isEmpty()) {
                in.violation(at + ".level", "must be bronze, silver or gold");
                ok = false;
            }
            if (check.isEmpty()) {
                in.violation(at + ".check", "unknown check; expected one of " + ScorecardCheck.wireNames());
                ok = false;
            }
            if (ok) {
                rules.add(new ScorecardRule(id, description, level.get(), check.get()));
            }
        }
        return rules;
    }
}
