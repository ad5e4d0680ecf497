package dev.runway.catalog.backstage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.runway.catalog.backstage.BackstageSql.SortPart;

/**
 * The reads of the Backstage-compatible API as native SQL over Runway's tables. Entities leave PostgreSQL already in
 * Backstage's shape ({@code metadata.uid}, {@code metadata.etag}, {@code relations}), as JSON text that the API passes
 * through without parsing it.
 */
@ApplicationScoped
public class BackstageEntityRepository {
    /**
     * The stored document with its uid, etag and outgoing relations (Backstage's stitched entity: distinct
     * {@code {type, targetRef}}, ordered by type and target). Public for CatalogBenchmark, which sends it raw.
     */
    public static final String ENTITY_JSON = """
            CAST(jsonb_set(jsonb_set(e.body, ARRAY['metadata', 'uid'], to_jsonb(CAST(e.id AS text))),
                           ARRAY['metadata', 'etag'], to_jsonb(e.etag))
                 || jsonb_build_object('relations', COALESCE(
                        (SELECT jsonb_agg(jsonb_build_object('type', r.type, 'targetRef', r.target_ref)
                                          ORDER BY r.type, r.target_ref)
                         FROM (SELECT DISTINCT x.type, x.target_ref FROM entity_relation x
                               WHERE x.source_ref = e.ref) r),
                        CAST('[]' AS jsonb))) AS text)""";

    private final EntityManager em;

    public BackstageEntityRepository(EntityManager em) {
        this.em = em;
    }

    /** An entity as JSON text, with its ref and the values of the ordering it was read under. */
    public record Found(String ref, String json, List<String> sortKey) {
    }

    public Optional<Found> byRef(String ref) {
        return single("e.ref = ?1", ref);
    }

    public Optional<Found> byUid(String uid) {
        if (!BackstageSql.isUuid(uid)) {
            return Optional.empty();
        }
        return single("e.id = CAST(?1 AS uuid)", uid);
    }

    private Optional<Found> single(String condition, String value) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT e.ref, " + ENTITY_JSON + " FROM entity e WHERE "
                + condition + " AND e.deleted_at IS NULL").setParameter(1, value).getResultList();
        return rows.stream().findFirst().map(r -> new Found((String) r[0], (String) r[1], List.of()));
    }

    /** The live entities among {@code refs} (canonical) that also match {@code where}. */
    List<Found> byRefs(List<String> refs, String where, SqlParams p) {
        if (refs.isEmpty()) {
            return List.of();
        }
        String refsParam = p.add(refs.toArray(String[]::new));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = p.bind(em.createNativeQuery("SELECT e.ref, " + ENTITY_JSON
                + " FROM entity e WHERE e.ref = ANY(CAST(" + refsParam + " AS text[])) AND e.deleted_at IS NULL AND "
                + where)).getResultList();
        return rows.stream().map(r -> new Found((String) r[0], (String) r[1], List.of())).toList();
    }

    /**
     * Up to {@code limit} entities matching {@code where} in the order of {@code order}, after {@code after} (the
     * sort key of the last row seen) or, with {@code backwards}, before it, in reverse order. {@code offset} skips
     * rows (only without a keyset).
     */
    List<Found> page(String where, SqlParams p, List<SortPart> order, List<String> after, boolean backwards,
            int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT e.ref, ").append(ENTITY_JSON);
        for (SortPart part : order) {
            sql.append(", CAST(").append(part.sql()).append(" AS text)");
        }
        sql.append(" FROM entity e WHERE e.deleted_at IS NULL AND ").append(where);
        if (after != null) {
            sql.append(" AND ").append(keyset(order, after, backwards, p));
        }
        sql.append(" ORDER BY ");
        for (int i = 0; i < order.size(); i++) {
            SortPart part = order.get(i);
            sql.append(i == 0 ? "" : ", ").append(part.sql()).append(part.descending() != backwards ? " DESC" : "");
        }
        if (offset > 0) {
            sql.append(" OFFSET ").append(offset);
        }
        sql.append(" LIMIT ").append(limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = p.bind(em.createNativeQuery(sql.toString())).getResultList();
        List<Found> found = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            List<String> key = new ArrayList<>(order.size());
            for (int i = 0; i < order.size(); i++) {
                key.add((String) r[2 + i]);
            }
            found.add(new Found((String) r[0], (String) r[1], key));
        }
        return found;
    }

    public long count(String where, SqlParams p) {
        return ((Number) p.bind(em.createNativeQuery("SELECT count(*) FROM entity e WHERE e.deleted_at IS NULL AND "
                + where)).getSingleResult()).longValue();
    }

    /**
     * Rows strictly after the key in the ordering (before it, backwards): the lexicographic expansion
     * {@code a > x OR (a = x AND b > y) OR ...}, since the parts may sort in different directions.
     */
    private static String keyset(List<SortPart> order, List<String> key, boolean backwards, SqlParams p) {
        List<String> params = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            params.add(order.get(i).integer() ? "CAST(" + p.add(Integer.valueOf(key.get(i))) + " AS integer)"
                    : p.add(key.get(i)));
        }
        List<String> any = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            StringBuilder all = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                all.append(order.get(j).sql()).append(" = ").append(params.get(j)).append(" AND ");
            }
            SortPart part = order.get(i);
            all.append(part.sql()).append(part.descending() != backwards ? " < " : " > ").append(params.get(i))
                    .append(")");
            any.add(all.toString());
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    /** Values of a column under a filter with the number of entities carrying each, most frequent first. */
    List<Object[]> columnFacet(String column, String where, SqlParams p) {
        return facetQuery("SELECT " + column + ", count(*) FROM entity e WHERE e.deleted_at IS NULL AND " + where
                + " AND " + column + " IS NOT NULL GROUP BY 1", p);
    }

    List<Object[]> tagFacet(String where, SqlParams p) {
        return facetQuery("SELECT t, count(*) FROM entity e, unnest(e.tags) AS t WHERE e.deleted_at IS NULL AND "
                + where + " GROUP BY 1", p);
    }

    List<Object[]> relationFacet(String type, String where, SqlParams p) {
        String typeParam = p.add(type);
        return facetQuery("SELECT r.target_ref, count(DISTINCT e.ref) FROM entity e JOIN entity_relation r"
                + " ON r.source_ref = e.ref AND r.type = " + typeParam + " WHERE e.deleted_at IS NULL AND " + where
                + " GROUP BY 1", p);
    }

    List<Object[]> documentFacet(String key, String where, SqlParams p) {
        String keyParam = p.add(key);
        return facetQuery("SELECT s.value, count(DISTINCT e.id) FROM entity e CROSS JOIN LATERAL"
                + " backstage_search_rows(e.body) s WHERE e.deleted_at IS NULL AND " + where + " AND s.key = "
                + keyParam + " AND s.value IS NOT NULL GROUP BY 1", p);
    }

    private List<Object[]> facetQuery(String sql, SqlParams p) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = p.bind(em.createNativeQuery(sql + " ORDER BY 2 DESC, 1")).getResultList();
        return rows;
    }
}
