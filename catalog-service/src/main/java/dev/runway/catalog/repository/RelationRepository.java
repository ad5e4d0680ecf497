package dev.runway.catalog.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.catalog.domain.Relation;
import dev.runway.catalog.domain.RelationType;

/** The relations table: both directions of every edge, keyed by the entity whose spec emitted it. */
@ApplicationScoped
public class RelationRepository {
    private final EntityManager em;
    private final ObjectMapper json;

    public RelationRepository(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** A live entity's stored document and its outgoing relations. */
    public record LiveEntity(String id, String body, String etag, List<StoredRelation> relations) {
    }

    /**
     * The by-ref read in one round trip: the document (not the whole row, whose search vector and columns the read
     * never uses) and its relations, aggregated server-side in the order {@link #outgoing} gives them. This is the
     * catalog's hottest read; two statements and a hydrated entity cost it a round trip and most of its
     * allocation.
     */
    public Optional<LiveEntity> liveWithRelations(String ref) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT e.id::text, e.body::text, e.etag,
                       (SELECT json_agg(json_build_array(r.type, r.target_ref, r.resolved)
                                        ORDER BY r.type, r.target_ref)::text
                        FROM (SELECT DISTINCT x.type, x.target_ref,
                                     EXISTS (SELECT 1 FROM entity t
                                             WHERE t.ref = x.target_ref AND t.deleted_at IS NULL) AS resolved
                              FROM entity_relation x WHERE x.source_ref = e.ref) r)
                FROM entity e WHERE e.ref = ?1 AND e.deleted_at IS NULL
                """).setParameter(1, ref).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        List<StoredRelation> relations = new ArrayList<>();
        if (row[3] != null) {
            try {
                for (JsonNode r : json.readTree((String) row[3])) {
                    relations.add(new StoredRelation(r.get(0).asText(), r.get(1).asText(), r.get(2).asBoolean()));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("PostgreSQL returned malformed relations for " + ref, e);
            }
        }
        return Optional.of(new LiveEntity((String) row[0], (String) row[1], (String) row[2], relations));
    }

    /** A relation as seen from its source, with whether the target is a live entity. */
    public record StoredRelation(String type, String targetRef, boolean resolved) {
    }

    /**
     * Replaces every row each origin emitted with the given relations and their inverses, for many origins at once
     * (an import): two statements whatever the number of entities and
     * relations, the arrays unnested server-side.
     */
    public void replaceAll(Map<String, ? extends Collection<Relation>> emittedByOrigin) {
        if (emittedByOrigin.isEmpty()) {
            return;
        }
        em.createNativeQuery("DELETE FROM entity_relation WHERE origin_ref = ANY(?1)")
                .setParameter(1, emittedByOrigin.keySet().toArray(String[]::new)).executeUpdate();
        List<String> sources = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        emittedByOrigin.forEach((origin, emitted) -> {
            Set<Relation> rows = new LinkedHashSet<>();
            for (Relation r : emitted) {
                rows.add(r);
                rows.add(r.inverse());
            }
            for (Relation r : rows) {
                sources.add(r.sourceRef());
                types.add(r.type().wireName);
                targets.add(r.targetRef());
                origins.add(origin);
            }
        });
        if (sources.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                INSERT INTO entity_relation (source_ref, type, target_ref, origin_ref)
                SELECT s, t, g, o FROM unnest(?1, ?2, ?3, ?4) AS x(s, t, g, o)
                ON CONFLICT DO NOTHING
                """)
                .setParameter(1, sources.toArray(String[]::new))
                .setParameter(2, types.toArray(String[]::new))
                .setParameter(3, targets.toArray(String[]::new))
                .setParameter(4, origins.toArray(String[]::new))
                .executeUpdate();
    }

    public List<StoredRelation> outgoing(String ref) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT DISTINCT r.type, r.target_ref, (e.id IS NOT NULL) AS resolved
                FROM entity_relation r LEFT JOIN entity e ON e.ref = r.target_ref AND e.deleted_at IS NULL
                WHERE r.source_ref = ?1 ORDER BY r.type, r.target_ref
                """).setParameter(1, ref).getResultList();
        return rows.stream().map(r -> new StoredRelation((String) r[0], (String) r[1], (Boolean) r[2])).toList();
    }

    /** Every edge reachable from {@code root} within {@code depth} hops over the given relation types. */
    public List<Relation> graph(String root, int depth, Set<RelationType> types, int maxEdges) {
        String[] typeNames = types.stream().map(t -> t.wireName).toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH RECURSIVE walk(source_ref, type, target_ref, depth) AS (
                    SELECT DISTINCT source_ref, type, target_ref, 1 FROM entity_relation
                    WHERE source_ref = ?1 AND type = ANY(?2)
                  UNION
                    SELECT r.source_ref, r.type, r.target_ref, w.depth + 1
                    FROM walk w JOIN entity_relation r ON r.source_ref = w.target_ref
                    WHERE w.depth < ?3 AND r.type = ANY(?2)
                )
                SELECT DISTINCT source_ref, type, target_ref FROM walk ORDER BY source_ref, type, target_ref
                LIMIT ?4
                """)
                .setParameter(1, root).setParameter(2, typeNames).setParameter(3, depth).setParameter(4, maxEdges)
                .getResultList();
        return rows.stream()
                .map(r -> new Relation((String) r[0], RelationType.fromWire((String) r[1]), (String) r[2])).toList();
    }

    /** Which of the given refs are live entities. */
    public Set<String> live(Collection<String> refs) {
        if (refs.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery(
                "SELECT ref FROM entity WHERE ref = ANY(?1) AND deleted_at IS NULL")
                .setParameter(1, refs.toArray(String[]::new)).getResultList();
        return Set.copyOf(rows);
    }
}
