package dev.runway.catalog.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.runway.catalog.domain.KindLookup;

/**
 * The read side over live entities: filtered keyset pages, facet counts and exports, as native SQL that the
 * partial indexes serve (V8__filtered_pages.sql: kind, filter column, sort column; V1__catalog.sql: name, updated_at,
 * GIN on tags/labels/search).
 */
@ApplicationScoped
public class EntitySearchRepository {
    private final EntityManager em;
    private final KindLookup kinds;

    public EntitySearchRepository(EntityManager em, KindLookup kinds) {
        this.em = em;
        this.kinds = kinds;
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

    /** Native SQL with its {@code ?n} parameters, numbered in the order of the list. */
    record Statement(String sql, List<Object> params) {
    }

    public List<Row> page(EntityFilter filter, Sort sort, Cursor after, int limit) {
        Statement st = pageStatement(filter, sort, after, limit, kindNames());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery(st.sql()), st.params()).getResultList();
        return rows.stream().map(r -> new Row((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4])).toList();
    }

    /**
     * The statement {@link #page} runs; package-private so that a test can read the plan of exactly this SQL.
     *
     * <p>The page indexes of V8__filtered_pages.sql lead with kind, then one filter column, then the sort column and
     * ref, so that a page filtered by kind and that column is one index range read in sort order: it examines its own
     * rows, whatever sorts before them. A page that names no kind but filters such a column asks each kind in turn: one
     * branch per known kind (the built-in ones and those a platform-admin registered: the set the write path accepts,
     * so no live entity has another), each ordered and limited so that it is
     * planned as an index scan, merged by PostgreSQL in sort order (Merge Append), which reads the page plus one
     * look-ahead row per kind. Pages with neither (no filter, or only tags, labels and text) keep one statement over
     * V1's name and updated_at indexes and the GIN indexes.
     */
    static Statement pageStatement(EntityFilter filter, Sort sort, Cursor after, int limit, List<String> kinds) {
        List<Object> params = new ArrayList<>();
        String dir = sort.descending ? " DESC" : "";
        String order = " ORDER BY " + sort.column + dir + ", ref" + dir + " LIMIT " + limit;
        String select = "SELECT ref, CAST(body AS text), etag, CAST(id AS text), " + (sort.byUpdatedAt()
                ? "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')" : "name");
        if (filter.kind() != null || !hasColumnFilter(filter)) {
            return new Statement(select + " FROM entity WHERE " + conditions(filter, sort, after, params) + order,
                    params);
        }
        StringBuilder branches = new StringBuilder();
        for (String k : kinds) {
            EntityFilter ofKind = new EntityFilter(k, filter.type(),
                    filter.ownerRef(), filter.lifecycle(), filter.namespace(), filter.tags(), filter.labelKey(),
                    filter.labelValue(), filter.systemRef(), filter.query());
            branches.append(branches.isEmpty() ? "(" : " UNION ALL (").append("SELECT * FROM entity WHERE ")
                    .append(conditions(ofKind, sort, after, params)).append(order).append(')');
        }
        return new Statement(select + " FROM (" + branches + ") e" + order, params);
    }

    /** Every kind an entity may have, lower-cased as the kind column stores it. */
    private List<String> kindNames() {
        return List.copyOf(kinds.all().keySet());
    }

    /** Whether the filter asks for a column that the page indexes key after kind. */
    private static boolean hasColumnFilter(EntityFilter f) {
        return f.type() != null || f.ownerRef() != null || f.lifecycle() != null || f.namespace() != null
                || f.systemRef() != null;
    }

    /** The filter and, after a cursor, the keyset condition {@code (sort column, ref)} past it. */
    private static String conditions(EntityFilter filter, Sort sort, Cursor after, List<Object> params) {
        StringBuilder sql = new StringBuilder(where(filter, params));
        if (after != null) {
            String op = sort.descending ? "<" : ">";
            String value = sort.byUpdatedAt() ? "CAST(?" + (params.size() + 1) + " AS timestamp) AT TIME ZONE 'UTC'"
                    : "?" + (params.size() + 1);
            params.add(after.sortValue());
            params.add(after.ref());
            sql.append(" AND (").append(sort.column).append(", ref) ").append(op).append(" (").append(value)
                    .append(", ?").append(params.size()).append(")");
        }
        return sql.toString();
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

    /**
     * How many live entities match a filter that names at most a kind and one other facet value (a type, owner,
     * lifecycle, namespace, system or one tag), read from the counts V5__facet_counts.sql maintains: a lookup of one
     * (field, kind, value) whatever the number of matches. Null for any other filter, which has to be counted.
     */
    public Long maintainedCount(EntityFilter f) {
        List<Object> params = new ArrayList<>();
        String sql = maintainedCountSql(f, value -> {
            params.add(value);
            return "?" + params.size();
        });
        if (sql == null) {
            return null;
        }
        Query q = em.createNativeQuery("SELECT " + sql);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    /**
     * {@link #maintainedCount} as a scalar SQL expression, so that a page can read it in its own statement; its
     * values are bound through {@code param}, which answers each value's placeholder. Null where it has no answer.
     */
    public String maintainedCountSql(EntityFilter f, Function<Object, String> param) {
        if (f.labelKey() != null || (f.query() != null && !f.query().isBlank())) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        putIfSet(values, "type", f.type());
        putIfSet(values, "owner", f.ownerRef());
        putIfSet(values, "lifecycle", f.lifecycle());
        putIfSet(values, "namespace", f.namespace());
        putIfSet(values, "system", f.systemRef());
        if (f.tags() != null) {
            if (f.tags().size() > 1) {
                return null;
            }
            f.tags().forEach(t -> values.put("tag", t));
        }
        if (values.size() > 1) {
            return null;
        }
        String field = values.isEmpty() ? "kind" : values.keySet().iterator().next();
        String value = values.isEmpty() ? f.kind() : values.get(field);
        String where = "field = " + param.apply(field) + (value == null ? "" : " AND value = " + param.apply(value))
                + (f.kind() == null || values.isEmpty() ? "" : " AND kind = " + param.apply(f.kind()));
        return "(SELECT CAST(coalesce(sum(n), 0) AS bigint) FROM (SELECT count AS n FROM entity_facet_count WHERE "
                + where + " UNION ALL SELECT delta FROM entity_facet_delta WHERE " + where + ") x)";
    }

    private static void putIfSet(Map<String, String> values, String field, String value) {
        if (value != null) {
            values.put(field, value);
        }
    }

    /** Counts the live rows matching the filter (public so that tests can hold the maintained counts to it). */
    public List<Facet> scannedFacet(String field, EntityFilter filter, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        if (filter.kind() == null && hasColumnFilter(filter)) {
            // The indexes of these columns lead with kind (V8__filtered_pages.sql): every kind lets one serve.
            params.add(kindNames().toArray(String[]::new));
            where += " AND kind = ANY(CAST(?" + params.size() + " AS text[]))";
        }
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
