package dev.runway.catalog.insights.mapping;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.catalog.domain.EntityKind;
import dev.runway.catalog.insights.domain.Deployment;
import dev.runway.catalog.insights.domain.Incident;
import dev.runway.catalog.insights.domain.ScorecardDefinition;
import dev.runway.catalog.insights.rest.dto.DeploymentBody;
import dev.runway.catalog.insights.rest.dto.IncidentBody;
import dev.runway.catalog.insights.rest.dto.ResolutionBody;
import dev.runway.catalog.insights.rest.dto.ScorecardBody;
import dev.runway.catalog.insights.scorecard.ScorecardCheck;
import dev.runway.catalog.insights.scorecard.ScorecardLevel;
import dev.runway.catalog.insights.scorecard.ScorecardRule;
import dev.runway.catalog.insights.service.NewDeployment;
import dev.runway.catalog.insights.service.NewIncident;
import dev.runway.catalog.insights.service.ScorecardDraft;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.json.JsonBodies;

/**
 * Request bodies of the insights API to the services' commands. {@link JsonBodies} reads a body into its record and
 * names every unknown field, wrong type and constraint violation; the rules across fields are checked here and join
 * the same 400, so that it names everything wrong at once.
 */
@ApplicationScoped
public class RequestReader {
    private final JsonBodies bodies;

    public RequestReader(JsonBodies bodies) {
        this.bodies = bodies;
    }

    public NewDeployment deployment(String body) {
        JsonBodies.Read<DeploymentBody> read = bodies.readAll(body, DeploymentBody.class, "deployment");
        DeploymentBody d = read.value();
        List<Instant> commitTimes = d.commitTimes() == null ? List.of()
                : d.commitTimes().stream().filter(Objects::nonNull).map(RequestReader::micros).toList();
        Instant firstCommitAt = micros(d.firstCommitAt());
        Instant startedAt = micros(d.startedAt());
        Instant finishedAt = micros(d.finishedAt());
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            read.violation("$.finishedAt", "must not be before startedAt");
        }
        Instant earliest = Deployment.earliest(commitTimes, firstCommitAt);
        if (earliest != null && finishedAt != null && earliest.isAfter(finishedAt)) {
            String field = firstCommitAt != null && firstCommitAt.equals(earliest) ? "$.firstCommitAt"
                    : "$.commitTimes";
            read.violation(field, "a commit cannot be younger than the deployment that shipped it (finishedAt "
                    + finishedAt + ")");
        }
        read.orThrow();
        return new NewDeployment(d.entityRef(), d.environment().toLowerCase(Locale.ROOT), d.version(), d.commitSha(),
                commitTimes.stream().distinct().sorted().toList(), firstCommitAt, startedAt, finishedAt,
                d.status().toLowerCase(Locale.ROOT), d.rework() != null && d.rework(), d.externalId());
    }

    public NewIncident incident(String body) {
        JsonBodies.Read<IncidentBody> read = bodies.readAll(body, IncidentBody.class, "incident");
        IncidentBody i = read.value();
        Instant openedAt = micros(i.openedAt());
        Instant resolvedAt = micros(i.resolvedAt());
        if (openedAt != null && resolvedAt != null && resolvedAt.isBefore(openedAt)) {
            read.violation("$.resolvedAt", "must not be before openedAt");
        }
        read.orThrow();
        return new NewIncident(i.entityRef(), Incident.severity(i.severity()).orElseThrow(), openedAt, resolvedAt,
                i.causedByDeployment(), i.externalId());
    }

    /** The body of a resolution: {@code {resolvedAt}}. */
    public Instant resolvedAt(String body) {
        return micros(bodies.read(body, ResolutionBody.class, "resolution").resolvedAt());
    }

    /** A scorecard definition for the path's {@code id}, which is checked before the body. */
    public ScorecardDraft scorecard(String id, String body) {
        if (!ScorecardDefinition.ID.matcher(id).matches()) {
            throw new InvalidInputException("Invalid scorecard id.", List.of(new Problem.Violation("id",
                    "must be lower-case letters, digits and dashes, at most 63")));
        }
        JsonBodies.Read<ScorecardBody> read = bodies.readAll(body, ScorecardBody.class, "scorecard");
        ScorecardBody s = read.value();
        if (s.id() != null && !read.named("$.id") && !s.id().equals(id)) {
            read.violation("$.id", "must match the path (" + id + ") or be left out");
        }
        if ((s.appliesTo() == null || s.appliesTo().isEmpty()) && !read.named("$.appliesTo")) {
            // Here rather than as a constraint: the message lists the kinds, which an annotation cannot.
            read.violation("$.appliesTo", "must be a non-empty array of kinds (" + EntityKind.wireNames() + ")");
        }
        if (s.rules() != null) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < s.rules().size(); i++) {
                ScorecardBody.RuleBody r = s.rules().get(i);
                String at = "$.rules[" + i + "].id";
                if (r != null && r.id() != null && !read.named(at) && !ids.add(r.id())) {
                    read.violation(at, "duplicate rule id " + r.id());
                }
            }
        }
        read.orThrow();
        List<String> kinds = new ArrayList<>();
        for (String k : s.appliesTo()) {
            String kind = EntityKind.fromAnyCase(k).wireName;
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        List<ScorecardRule> rules = s.rules().stream()
                .map(r -> new ScorecardRule(r.id(), r.description(), ScorecardLevel.ruleLevel(r.level()).orElseThrow(),
                        ScorecardCheck.fromWire(r.check()).orElseThrow()))
                .toList();
        return new ScorecardDraft(s.title(), s.description(), kinds, rules);
    }

    /** The database keeps microseconds; an instant compared or stored with more would not round-trip. */
    private static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }
}
