package dev.runway.catalog.backstage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.runway.catalog.backstage.BackstageFilter.Condition;
import dev.runway.catalog.domain.RelationType;

/**
 * Backstage filter, order and full-text paths as SQL over the {@code entity} table (alias {@code e}). The paths
 * Runway denormalises are served by their columns, so the indexes Runway's own list uses serve them too; relations come
 * from {@code entity_relation}; any other path is read from the document with {@code backstage_search_rows}
 * (V10__backstage_search_rows.sql), which flattens it as Backstage's search table does.
 *
 * <p>Runway lower-cases kind, namespace, name, type and lifecycle when it stores them, and Backstage compares
 * case-insensitively, so those columns compare with the lower-cased filter values directly.
 */
final class BackstageSql {
    /** Lower-cased columns, keyed by the Backstage path they hold; {@code true} when never null. */
    private static final Map<String, Column> COLUMNS = Map.of(
            "kind", new Column("e.kind", true),
            "metadata.namespace", new Column("e.namespace", true),
            "metadata.name", new Column("e.name", true),
            "spec.type", new Column("e.type", false),
            "spec.lifecycle", new Column("e.lifecycle", false),
            "metadata.uid", new Column("CAST(e.id AS text)", true),
            "metadata.etag", new Column("e.etag", true));

    private record Column(String sql, boolean notNull) {
    }

    /** One part of an ordering: an SQL expression that is never null, of SQL type {@code integer} or {@code text}. */
    record SortPart(String sql, boolean integer, boolean descending) {
    }

    private BackstageSql() {
    }

    static String where(BackstageFilter filter, SqlParams p) {
        if (filter.matchesAll()) {
            return "TRUE";
        }
        List<String> sets = new ArrayList<>();
        for (List<Condition> set : filter.sets()) {
            sets.add("(" + String.join(" AND ", set.stream().map(c -> condition(c, p)).toList()) + ")");
        }
        return "(" + String.join(" OR ", sets) + ")";
    }

    static String condition(Condition c, SqlParams p) {
        String key = c.key();
        Column column = COLUMNS.get(key);
        if (column != null) {
            if (c.exists()) {
                return column.notNull() ? "TRUE" : column.sql() + " IS NOT NULL";
            }
            if (key.equals("metadata.uid")) {
                // The primary key, so that a uid lookup stays an index lookup; a value that is no UUID names nothing.
                String[] uids = c.values().stream().filter(BackstageSql::isUuid).toArray(String[]::new);
                return uids.length == 0 ? "FALSE" : "e.id = ANY(CAST(CAST(" + p.add(uids) + " AS text[]) AS uuid[]))";
            }
            return anyOf(column.sql(), c.values(), p);
        }
        if (key.equals("metadata.tags")) {
            // One tag is Runway's own tag filter, containment; several given for one key match any of them.
            return c.exists() ? "cardinality(e.tags) > 0" : "e.tags " + (c.values().size() == 1 ? "@>" : "&&")
                    + " CAST(" + p.add(c.values().toArray(String[]::new)) + " AS text[])";
        }
        if (key.startsWith("metadata.tags.")) {
            // Backstage's form for a scalar array item: the item as the last key, "true" as its value.
            boolean asked = c.exists() || c.values().contains("true");
            return asked ? "e.tags @> CAST(" + p.add(new String[] { key.substring("metadata.tags.".length()) })
                    + " AS text[])" : "FALSE";
        }
        if (key.startsWith("metadata.labels.")) {
            String label = key.substring("metadata.labels.".length());
            String sql = "EXISTS (SELECT 1 FROM jsonb_each_text(e.labels) l(k, v) WHERE lower(l.k) = " + p.add(label);
            if (!c.exists()) {
                sql += " AND lower(l.v) = ANY(CAST(" + p.add(c.values().toArray(String[]::new)) + " AS text[]))";
            }
            return sql + ")";
        }
        if (key.equals("relations")) {
            return c.exists() ? "EXISTS (SELECT 1 FROM entity_relation r WHERE r.source_ref = e.ref)" : "FALSE";
        }
        if (key.startsWith("relations.")) {
            return relation(key.substring("relations.".length()), c, p);
        }
        String sql = "EXISTS (SELECT 1 FROM backstage_search_rows(e.body) s WHERE s.key = " + p.add(key);
        if (!c.exists()) {
            sql += " AND lower(s.value) = ANY(CAST(" + p.add(c.values().toArray(String[]::new)) + " AS text[]))";
        }
        return sql + ")";
    }

    /**
     * {@code relations.<type>=<targetRef>}. ownedBy is exactly the owner column (only spec.owner emits it); any other
     * type reads the inverse edge, stored with the target as its source, so the primary key serves the lookup.
     */
    private static String relation(String typeName, Condition c, SqlParams p) {
        RelationType type = relationType(typeName);
        if (type == null) {
            // Runway emits Backstage's built-in relation types only: no entity has any other.
            return "FALSE";
        }
        if (type == RelationType.OWNED_BY) {
            return c.exists() ? "e.owner_ref IS NOT NULL" : anyOf("e.owner_ref", c.values(), p);
        }
        if (c.exists()) {
            return "EXISTS (SELECT 1 FROM entity_relation r WHERE r.source_ref = e.ref AND r.type = "
                    + p.add(type.wireName) + ")";
        }
        return "e.ref IN (SELECT r.target_ref FROM entity_relation r WHERE r.source_ref = ANY(CAST("
                + p.add(c.values().toArray(String[]::new)) + " AS text[])) AND r.type = " + p.add(type.inverse().wireName)
                + ")";
    }

    static RelationType relationType(String lowerCased) {
        for (RelationType t : RelationType.values()) {
            if (t.wireName.toLowerCase(Locale.ROOT).equals(lowerCased)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The parts that order by {@code path} (lower-cased, as Backstage sorts), entities without a value last in either
     * direction: {@code (value IS NULL), coalesce(value, '')}, or the column alone when it is never null.
     */
    static List<SortPart> sortParts(String path, boolean descending, SqlParams p) {
        Column column = COLUMNS.get(path);
        if (column != null && column.notNull()) {
            return List.of(new SortPart(column.sql(), false, descending));
        }
        String value = column != null ? column.sql()
                : "(SELECT min(lower(s.value)) FROM backstage_search_rows(e.body) s WHERE s.key = " + p.add(path) + ")";
        return List.of(new SortPart("(CASE WHEN " + value + " IS NULL THEN 1 ELSE 0 END)", true, false),
                new SortPart("COALESCE(" + value + ", '')", false, descending));
    }

    /** Backstage's full-text filter: the lower-cased term as a substring of any of the fields. */
    static String fullText(String term, List<String> fields, SqlParams p) {
        String pattern = p.add("%" + term.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%");
        List<String> any = new ArrayList<>();
        for (String field : fields) {
            String key = field.trim().toLowerCase(Locale.ROOT);
            Column column = COLUMNS.get(key);
            if (column != null) {
                any.add(column.sql() + " LIKE " + pattern);
            } else if (key.equals("metadata.tags")) {
                any.add("EXISTS (SELECT 1 FROM unnest(e.tags) t WHERE lower(t) LIKE " + pattern + ")");
            } else {
                any.add("EXISTS (SELECT 1 FROM backstage_search_rows(e.body) s WHERE s.key = " + p.add(key)
                        + " AND lower(s.value) LIKE " + pattern + ")");
            }
        }
        return any.isEmpty() ? "TRUE" : "(" + String.join(" OR ", any) + ")";
    }

    private static String anyOf(String column, List<String> values, SqlParams p) {
        if (values.size() == 1) {
            return column + " = " + p.add(values.get(0));
        }
        return column + " = ANY(CAST(" + p.add(values.toArray(String[]::new)) + " AS text[]))";
    }

    static boolean isUuid(String s) {
        try {
            return s.length() == 36 && UUID.fromString(s) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
