package dev.runway.catalog.insights.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.catalog.insights.domain.Deployment;
import dev.runway.catalog.insights.dora.DoraCalculator;
import dev.runway.catalog.insights.repository.InsightsRepository;
import dev.runway.catalog.insights.repository.InsightsRepository.Scope;
import dev.runway.catalog.repository.EntityRepository;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.ResourceNotFoundException;

/**
 * DORA metrics of an entity, a team (entities owned by {@code group:default/<team>}) or a system (its components
 * and resources) over the last 7, 30 or 90 days, for one environment. Incidents have no environment: all incidents
 * of the scope count for time to restore.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DoraService {
    static final Map<String, Integer> WINDOWS = Map.of("7d", 7, "30d", 30, "90d", 90);

    private final InsightsRepository insights;
    private final EntityRepository entities;

    public DoraService(InsightsRepository insights, EntityRepository entities) {
        this.insights = insights;
        this.entities = entities;
    }

    /** The metrics of {@code scope} (covering {@code entities} live entities) over {@code from}..{@code to}. */
    public record Report(Scope scope, long entities, String window, String environment, Instant from, Instant to,
            DoraCalculator.Metrics metrics) {
    }

    public Report metrics(String entity, String team, String system, String window, String environment) {
        String w = window == null || window.isBlank() ? "30d" : window.trim().toLowerCase(Locale.ROOT);
        String env = environment == null || environment.isBlank() ? "production"
                : environment.trim().toLowerCase(Locale.ROOT);
        List<Problem.Violation> violations = new ArrayList<>();
        if (!WINDOWS.containsKey(w)) {
            violations.add(new Problem.Violation("window", "must be 7d, 30d or 90d"));
        }
        if (!Deployment.ENVIRONMENT.matcher(env).matches()) {
            violations.add(new Problem.Violation("environment", "must be letters, digits, . _ - (e.g. production)"));
        }
        Scope scope = scope(entity, team, system, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("Invalid DORA query.", violations);
        }
        if (scope.type() == Scope.Type.ENTITY && entities.findByRef(scope.ref()).filter(e -> !e.deleted()).isEmpty()) {
            throw new ResourceNotFoundException("No entity " + scope.ref() + ".");
        }
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(Duration.ofDays(WINDOWS.get(w)));
        DoraCalculator.Metrics m = DoraCalculator.compute(from, to, insights.deployments(scope, env, from, to),
                insights.incidents(scope, from, to));
        return new Report(scope, insights.entityCount(scope), w, env, from, to, m);
    }

    private static Scope scope(String entity, String team, String system, List<Problem.Violation> violations) {
        int given = (blank(entity) ? 0 : 1) + (blank(team) ? 0 : 1) + (blank(system) ? 0 : 1);
        if (given != 1) {
            violations.add(new Problem.Violation("entity", "give exactly one of entity, team or system"));
            return null;
        }
        if (!blank(entity)) {
            return new Scope(Scope.Type.ENTITY, QueryParameters.ref("entity", entity, "Component", null, violations));
        }
        if (!blank(team)) {
            return new Scope(Scope.Type.TEAM, QueryParameters.ref("team", team, "Group", "group", violations));
        }
        return new Scope(Scope.Type.SYSTEM, QueryParameters.ref("system", system, "System", "system", violations));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
