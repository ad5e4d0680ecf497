package dev.runway.catalog.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The read side over live entities: filtered keyset pages, facet counts and exports, as native SQL that the
 * partial indexes of V1__catalog.sql serve (filter columns, GIN on tags/labels/search).
 */
@ApplicationScoped
public class EntitySearchRepository {
    private final EntityManager em;

    public EntitySearchRepository(EntityManager em) {
        this.em = em;
    }

    public enum Sort {
        NAME("name", false), NAME_DESC("name", true), UPDATED("updated_at", false), UPDATED_DESC("updated_at", true);

        final String column;
        final boolean descending;

        Sort(String column, boolean descending) {
            this.column = column;
            this.descending = descending;
        }

        public boolean byUpdatedAt() {
            return column.equals("updated_at");
        }
    }

    /** The position after the last row of a page: its sort value and ref (the unique tie-breaker). */
    public record Cursor(String sortValue, String ref) {
    }

    public record Row(String ref, String body, String etag, String uid, String sortValue) {
    }

    public record Facet(String value, long count) {
    }

    private static final Map<String, String> FACET_COLUMNS = Map.of(
            "kind", "kind", "type", "type", "lifecycle", "lifecycle", "owner", "owner_ref",
            "namespace", "namespace", "system", "system_ref");

    public static boolean isFacetField(String field) {
        return FACET_COLUMNS.containsKey(field) || field.equals("tag");
    }

    public List<Row> page(EntityFilter filter, Sort sort, Cursor after, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ref, CAST(body AS text), etag, CAST(id AS text), ")
                .append(sort.byUpdatedAt() ? "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
                        : "name")
                .append(" FROM entity WHERE ").append(where(filter, params));
        if (after != null) {
            String op = sort.descending ? "<" : ">";
            String value = sort.byUpdatedAt() ? "CAST(?" + (params.size() + 1) + " AS timestamp) AT TIME ZONE 'UTC'"
                    : "?" + (params.size() + 1);
            params.add(after.sortValue());
            params.add(after.ref());
            sql.append(" AND (").append(sort.column).append(", ref) ").append(op).append(" (").append(value)
                    .append(", ?").append(params.size()).append(")");
        }
        String dir = sort.descending ? " DESC" : "";
        sql.append(" ORDER BY ").append(sort.column).append(dir).append(", ref").append(dir).append(" LIMIT ")
                .append(limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery(sql.toString()), params).getResultList();
        return rows.stream().map(r -> new Row((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4])).toList();
    }

    /**
     * Facet counts under a filter. The common questions (the whole catalog, or one kind) are answered from the
     * counts V5__facet_counts.sql maintains; any other filter counts the matching rows.
     */
    public List<Facet> facet(String field, EntityFilter filter, int limit) {
        return onlyKind(filter) ? maintainedFacet(field, filter.kind(), limit) : scannedFacet(field, filter, limit);
    }

    private static boolean onlyKind(EntityFilter f) {
        return f.type() == null && f.ownerRef() == null && f.lifecycle() == null && f.namespace() == null
                && f.systemRef() == null && (f.tags() == null || f.tags().isEmpty()) && f.labelKey() == null
                && (f.query() == null || f.query().isBlank());
    }

    /** The maintained counts plus the deltas not yet folded into them: one statement, so one snapshot. */
    private List<Facet> maintainedFacet(String field, String kind, int limit) {
        String kindFilter = kind == null ? "" : " AND kind = ?2";
        Query q = em.createNativeQuery("SELECT value, sum(n) FROM ("
                + "SELECT value, count AS n FROM entity_facet_count WHERE field = ?1" + kindFilter
                + " UNION ALL SELECT value, delta FROM entity_facet_delta WHERE field = ?1" + kindFilter
                + ") x GROUP BY value HAVING sum(n) > 0 ORDER BY sum(n) DESC, value LIMIT " + limit)
                .setParameter(1, field);
        if (kind != null) {
            q.setParameter(2, kind);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Facet((String) r[0], ((Number) r[1]).longValue())).toList();
    }

    /** Counts the live rows matching the filter (public so that tests can hold the maintained counts to it). */
    public List<Facet> scannedFacet(String field, EntityFilter filter, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        String sql;
        if (field.equals("tag")) {
            sql = "SELECT t, count(*) FROM entity, unnest(tags) AS t WHERE " + where
                    + " GROUP BY t ORDER BY count(*) DESC, t LIMIT " + limit;
        } else {
            String column = FACET_COLUMNS.get(field);
            sql = "SELECT " + column + ", count(*) FROM entity WHERE " + where + " AND " + column
                    + " IS NOT NULL GROUP BY " + column + " ORDER BY count(*) DESC, " + column + " LIMIT " + limit;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery(sql), params).getResultList();
        return rows.stream().map(r -> new Facet((String) r[0], ((Number) r[1]).longValue())).toList();
    }

    private static String where(EntityFilter f, List<Object> params) {
        StringBuilder w = new StringBuilder("deleted_at IS NULL");
        eq(w, params, "kind", f.kind());
        eq(w, params, "type", f.type());
        eq(w, params, "owner_ref", f.ownerRef());
        eq(w, params, "lifecycle", f.lifecycle());
        eq(w, params, "namespace", f.namespace());
        eq(w, params, "system_ref", f.systemRef());
        if (f.tags() != null && !f.tags().isEmpty()) {
            params.add(f.tags().toArray(String[]::new));
            w.append(" AND tags @> CAST(?").append(params.size()).append(" AS text[])");
        }
        if (f.labelKey() != null) {
            params.add(JsonNodeFactory.instance.objectNode().put(f.labelKey(), f.labelValue()).toString());
            w.append(" AND labels @> CAST(?").append(params.size()).append(" AS jsonb)");
        }
        if (f.query() != null && !f.query().isBlank()) {
            params.add(f.query());
            w.append(" AND search @@ websearch_to_tsquery('simple', ?").append(params.size()).append(")");
        }
        return w.toString();
    }

    private static void eq(StringBuilder w, List<Object> params, String column, String value) {
        if (value != null) {
            params.add(value);
            w.append(" AND ").append(column).append(" = ?").append(params.size());
        }
    }

    private static Query bind(Query q, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return q;
    }
}
