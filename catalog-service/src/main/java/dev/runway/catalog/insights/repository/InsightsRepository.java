package dev.runway.catalog.insights.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import dev.runway.catalog.insights.dora.DoraCalculator.DeploymentFact;
import dev.runway.catalog.insights.dora.DoraCalculator.IncidentFact;
import dev.runway.catalog.insights.scorecard.EntityFacts;

/**
 * The set-based reads of insights: DORA events of a scope (an entity, a team's entities, a system's components and
 * resources) and scorecard facts of many entities, each in one statement joined to the live catalog.
 */
@ApplicationScoped
public class InsightsRepository {
    private final EntityManager em;

    public InsightsRepository(EntityManager em) {
        this.em = em;
    }

    /** Which live entities a DORA or scorecard question is about. */
    public record Scope(Type type, String ref) {
        public enum Type {
            ENTITY("e.ref = :scope"),
            TEAM("e.owner_ref = :scope"),
            SYSTEM("e.system_ref = :scope AND e.kind IN ('component', 'resource')");

            final String clause;

            Type(String clause) {
                this.clause = clause;
            }
        }
    }

    public long entityCount(Scope scope) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM entity e WHERE e.deleted_at IS NULL AND "
                + scope.type().clause).setParameter("scope", scope.ref()).getSingleResult()).longValue();
    }

    /** Deployments to {@code environment} that finished in {@code [from, to)}. */
    public List<DeploymentFact> deployments(Scope scope, String environment, Instant from, Instant to) {
        Query q = em.createNativeQuery(DEPLOYMENTS_SQL.formatted(scope.type().clause))
                .setParameter("scope", scope.ref()).setParameter("env", environment)
                .setParameter("from", from).setParameter("to", to);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new DeploymentFact((String) r[0], instant(r[1]), instant(r[2]),
                (Boolean) r[3], (Boolean) r[4], (Boolean) r[5])).toList();
    }

    /** Incidents resolved in {@code [from, to)} or still open at {@code to}. */
    public List<IncidentFact> incidents(Scope scope, Instant from, Instant to) {
        Query q = em.createNativeQuery(INCIDENTS_SQL.formatted(scope.type().clause))
                .setParameter("scope", scope.ref()).setParameter("from", from).setParameter("to", to);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new IncidentFact(instant(r[0]), instant(r[1]))).toList();
    }

    /**
     * The facts every scorecard check needs, for all live entities of the scope whose kind is in {@code kinds}
     * (lower-cased), in one statement: the per-entity sub-selects are index lookups (owner by ref, last deployment
     * by entity), so a team's few hundred entities cost one round trip, not one per entity or rule.
     */
    public List<EntityFacts> scorecardFacts(Scope scope, String[] kinds) {
        Query q = em.createNativeQuery(SCORECARD_FACTS_SQL + scope.type().clause + " ORDER BY e.ref")
                .setParameter("scope", scope.ref()).setParameter("kinds", kinds);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new EntityFacts((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (Boolean) r[5], (Boolean) r[6], (Boolean) r[7], (Boolean) r[8], (Boolean) r[9],
                (Boolean) r[10], (Boolean) r[11], instant(r[12]))).toList();
    }

    /*
     * The scope's entities drive the DORA statements: a team's few hundred entities each probe their deployments
     * by index (entity_ref, environment, finished_at) instead of a hash join over every deployment in the window.
     * OFFSET 0 keeps PostgreSQL from flattening the LATERAL subquery back into that join; the incident check is a
     * counting sub-select so that it probes incident_by_cause per deployment rather than hashing every incident
     * (an EXISTS may be planned as a hashed scan of the whole table). The benchmark's raw-SQL baseline runs the
     * same text.
     */
    public static final String DEPLOYMENTS_SQL = """
            SELECT d.external_id, d.finished_at, d.earliest_commit, d.status IN ('failure', 'rolled_back'),
                   d.rework, (SELECT count(*) FROM incident i WHERE i.caused_by_deployment = d.external_id) > 0
            FROM entity e CROSS JOIN LATERAL (SELECT * FROM deployment d WHERE d.entity_ref = e.ref
                AND d.environment = :env AND d.finished_at >= :from AND d.finished_at < :to OFFSET 0) d
            WHERE e.deleted_at IS NULL AND %s
            """;

    public static final String INCIDENTS_SQL = """
            SELECT i.opened_at, i.resolved_at
            FROM entity e CROSS JOIN LATERAL (SELECT * FROM incident i WHERE i.entity_ref = e.ref
                AND ((i.resolved_at >= :from AND i.resolved_at < :to)
                  OR (i.opened_at < :to AND (i.resolved_at IS NULL OR i.resolved_at >= :to))) OFFSET 0) i
            WHERE e.deleted_at IS NULL AND %s
            """;

    /** Shared with the benchmark's raw-SQL baseline, which appends the same scope clause. */
    public static final String SCORECARD_FACTS_SQL = """
            SELECT e.ref, e.kind, e.owner_ref, e.lifecycle, e.system_ref,
                   e.owner_ref IS NOT NULL AND EXISTS (SELECT 1 FROM entity g
                       WHERE g.ref = e.owner_ref AND g.kind = 'group' AND g.deleted_at IS NULL),
                   coalesce(btrim(e.body #>> '{metadata,description}'), '') <> '',
                   cardinality(e.tags) > 0,
                   coalesce(btrim(e.body #>> '{spec,definition}'), '') <> '',
                   jsonb_exists_any(coalesce(e.body #> '{metadata,annotations}', '{}'),
                       ARRAY['backstage.io/techdocs-ref', 'runway.dev/docs', 'runway.dev/runbook'])
                   OR EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.body #> '{metadata,links}')
                       = 'array' THEN e.body #> '{metadata,links}' ELSE CAST('[]' AS jsonb) END) l
                       WHERE lower(coalesce(l ->> 'type', '') || ' ' || coalesce(l ->> 'title', '')) ~ '(doc|runbook)'),
                   jsonb_exists_any(coalesce(e.body #> '{metadata,annotations}', '{}'),
                       ARRAY['pagerduty.com/service-id', 'pagerduty.com/integration-key', 'opsgenie.com/team',
                             'opsgenie.com/component-selector', 'runway.dev/on-call']),
                   jsonb_exists_any(coalesce(e.body #> '{metadata,annotations}', '{}'),
                       ARRAY['backstage.io/source-location', 'github.com/project-slug', 'gitlab.com/project-slug']),
                   (SELECT max(d.finished_at) FROM deployment d WHERE d.entity_ref = e.ref)
            FROM entity e
            WHERE e.deleted_at IS NULL AND e.kind = ANY(:kinds) AND\s""";

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
