package dev.runway.catalog.backstage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.catalog.backstage.BackstageSql.SortPart;
import dev.runway.catalog.mapping.EntityMapper;

/**
 * The reads of the Backstage-compatible API as native SQL over Runway's tables. An entity is its stored document with
 * the server fields Backstage adds ({@code metadata.uid}, {@code metadata.etag}) and its outgoing relations, read in
 * the same statement as one text per entity aggregated off the relation table's primary key (no JSON built in SQL):
 * building the documents inside PostgreSQL (a grouped relation subquery and two {@code jsonb_set} copies per row)
 * cost three times the page's own query, and a second statement for the relations cost a round trip (BENCHMARKS.md,
 * issue 19).
 */
@ApplicationScoped
public class BackstageEntityRepository {
    /**
     * What a row carries: ref, document, uid, etag, and the outgoing relations as {@code "type targetRef"} lines
     * ordered by type and target (null without any), where a relation declared by several origins repeats
     * (adjacent). An aggregate rather than an ARRAY subquery: PostgreSQL plans it in a third of the time. Public for
     * CatalogBenchmark, which sends the SQL raw.
     */
    public static final String ENTITY_COLUMNS = "e.ref, CAST(e.body AS text), CAST(e.id AS text), e.etag,"
            + " (SELECT string_agg(r.type || ' ' || r.target_ref, E'\\n' ORDER BY r.type, r.target_ref)"
            + " FROM entity_relation r WHERE r.source_ref = e.ref)";
    private static final int FIRST_SORT_COLUMN = 5;

    private final EntityManager em;
    private final EntityMapper mapper;

    public BackstageEntityRepository(EntityManager em, EntityMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** An entity in Backstage's shape, with its ref and the values of the ordering it was read under. */
    public record Found(String ref, ObjectNode entity, List<String> sortKey) {
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

    /** The ref of the live entity with this uid, without reading the entity. */
    public Optional<String> refOfUid(String uid) {
        if (!BackstageSql.isUuid(uid)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<String> refs = em.createNativeQuery("SELECT e.ref FROM entity e WHERE e.id = CAST(?1 AS uuid)"
                + " AND e.deleted_at IS NULL").setParameter(1, uid).getResultList();
        return refs.stream().findFirst();
    }

    private Optional<Found> single(String condition, String value) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + ENTITY_COLUMNS + " FROM entity e WHERE " + condition
                + " AND e.deleted_at IS NULL").setParameter(1, value).getResultList();
        return found(rows, 0).stream().findFirst();
    }

    /** The live entities among {@code refs} (canonical) that also match {@code where}. */
    List<Found> byRefs(List<String> refs, String where, SqlParams p) {
        if (refs.isEmpty()) {
            return List.of();
        }
        String refsParam = p.add(refs.toArray(String[]::new));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = p.bind(em.createNativeQuery("SELECT " + ENTITY_COLUMNS
                + " FROM entity e WHERE e.ref = ANY(CAST(" + refsParam + " AS text[])) AND e.deleted_at IS NULL AND "
                + where)).getResultList();
        return found(rows, 0);
    }

    /**
     * Up to {@code limit} entities matching {@code where} in the order of {@code order}, after {@code after} (the
     * sort key of the last row seen) or, with {@code backwards}, before it, in reverse order. {@code offset} skips
     * rows (only without a keyset).
     */
    List<Found> page(String where, SqlParams p, List<SortPart> order, List<String> after, boolean backwards,
            int offset, int limit) {
        return page(where, p, order, after, backwards, offset, limit, null).found();
    }

    /** A page, and the value of a scalar {@code total} expression read in the same statement (null without rows). */
    record Counted(List<Found> found, Long total) {
    }

    /**
     * {@link #page}, with {@code total} (an uncorrelated scalar subquery, so PostgreSQL evaluates it once) as the
     * last column: a first page and its count in one round trip.
     */
    Counted page(String where, SqlParams p, List<SortPart> order, List<String> after, boolean backwards, int offset,
            int limit, String total) {
        StringBuilder sql = new StringBuilder("SELECT ").append(ENTITY_COLUMNS);
        for (SortPart part : order) {
            sql.append(", CAST(").append(part.sql()).append(" AS text)");
        }
        if (total != null) {
            sql.append(", ").append(total);
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
        Long counted = total == null || rows.isEmpty() ? null
                : ((Number) rows.get(0)[FIRST_SORT_COLUMN + order.size()]).longValue();
        return new Counted(found(rows, order.size()), counted);
    }

    /** Rows of {@link #ENTITY_COLUMNS} (then {@code sortColumns} sort values) as entities. */
    private List<Found> found(List<Object[]> rows, int sortColumns) {
        List<Found> found = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            ObjectNode entity = mapper.withServerFields((String) r[1], (String) r[2], (String) r[3]);
            ArrayNode relations = entity.putArray("relations");
            String lines = r[4] == null ? "" : (String) r[4];
            String previous = null;
            for (int start = 0; start < lines.length();) {
                int end = lines.indexOf('\n', start);
                end = end < 0 ? lines.length() : end;
                String line = lines.substring(start, end);
                if (!line.equals(previous)) {
                    int space = line.indexOf(' ');
                    relations.addObject().put("type", line.substring(0, space)).put("targetRef",
                            line.substring(space + 1));
                    previous = line;
                }
                start = end + 1;
            }
            List<String> key = new ArrayList<>(sortColumns);
            for (int i = 0; i < sortColumns; i++) {
                key.add((String) r[FIRST_SORT_COLUMN + i]);
            }
            found.add(new Found((String) r[0], entity, key));
        }
        return found;
    }

    /** The number of live entities matching {@code where}, as a scalar subquery. */
    static String countSql(String where) {
        return "(SELECT count(*) FROM entity e WHERE e.deleted_at IS NULL AND " + where + ")";
    }

    long scalar(String sql, SqlParams p) {
        return ((Number) p.bind(em.createNativeQuery("SELECT " + sql)).getSingleResult()).longValue();
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
