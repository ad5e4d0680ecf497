package dev.runway.catalog.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.catalog.domain.KindLookup;
import dev.runway.catalog.repository.EntitySearchRepository.Cursor;
import dev.runway.catalog.repository.EntitySearchRepository.Sort;
import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every filtered page must cost its page, not the catalog (issue 18). On a skewed catalog of 30,000 live entities,
 * where the other kinds share the filter values of the components and sort before and after them (10,000 APIs named
 * {@code api-…} and updated last, 5,000 resources named {@code zz-…} and updated first), each filter combination of
 * the table is paged in every sort, first page and a cursor page, and the plan of exactly the SQL
 * {@link EntitySearchRepository#pageStatement} builds is read with {@code EXPLAIN (ANALYZE, BUFFERS)}: the rows its
 * scans examine (returned plus removed by filter or recheck) must stay within the case's bound, and the page's rows
 * must be those of a plain ORDER BY over the same predicate. Buffers and times are printed for the record, never
 * asserted. The catalog lives in one transaction that is rolled back (statistics included), so the rest of the suite
 * never sees it. On V1's indexes, 63 of the 152 held pages examined more than their bound (up to 12,550 rows).
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class FilteredPagePlanTest {
    /** The built-in kinds, as the repository's kind lookup gives them when nobody registered one. */
    private static final List<String> KINDS = List.copyOf(KindLookup.BUILT_IN.all().keySet());
    /** What {@code EntityQueryService.list} asks for at the default page size: 50 rows, one to know there are more. */
    private static final int LIMIT = 51;
    /**
     * The bound of a page an index serves in order with every equality filter in its key: the page itself, plus one
     * look-ahead row from each per-kind branch when no kind is given (8 kinds), plus slack for rows of the rest of the
     * shared test database. A plan that reads another kind's rows or sorts the matches examines thousands here.
     */
    private static final int PAGE = 2 * LIMIT + 16;

    /** A case measured and printed but not asserted (see where it is used). */
    private static final int NOT_HELD = Integer.MAX_VALUE;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("\\?(\\d+)");

    @Inject
    DataSource dataSource;

    /**
     * One filter combination: its filter, the same filter as a plain SQL predicate (to check the page's rows against a
     * straightforward ORDER BY), and the most rows a page may examine, with why.
     */
    record Case(String name, EntityFilter filter, String predicate, int bound) {
    }

    private static EntityFilter f(String kind, String type, String owner, String lifecycle, String namespace,
            List<String> tags, String labelKey, String labelValue, String system, String query) {
        return new EntityFilter(kind, type, owner, lifecycle, namespace, tags, labelKey, labelValue, system, query);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // One equality filter, or kind and one more: an index holds each in every sort, so the page costs its page.
        c.add(new Case("no filter", f(null, null, null, null, null, null, null, null, null, null), "true", PAGE));
        c.add(new Case("kind", f("component", null, null, null, null, null, null, null, null, null),
                "kind = 'component'", PAGE));
        c.add(new Case("kind+lifecycle", f("component", null, null, "production", null, null, null, null, null, null),
                "kind = 'component' AND lifecycle = 'production'", PAGE));
        c.add(new Case("kind+owner", f("component", null, "group:default/platform", null, null, null, null, null,
                null, null), "kind = 'component' AND owner_ref = 'group:default/platform'", PAGE));
        c.add(new Case("kind+type", f("component", "service", null, null, null, null, null, null, null, null),
                "kind = 'component' AND type = 'service'", PAGE));
        c.add(new Case("kind+system", f("component", null, null, null, null, null, null, null, "system:default/core",
                null), "kind = 'component' AND system_ref = 'system:default/core'", PAGE));
        c.add(new Case("kind+namespace", f("component", null, null, null, "payments", null, null, null, null, null),
                "kind = 'component' AND namespace = 'payments'", PAGE));
        c.add(new Case("lifecycle", f(null, null, null, "production", null, null, null, null, null, null),
                "lifecycle = 'production'", PAGE));
        c.add(new Case("owner", f(null, null, "group:default/team-3", null, null, null, null, null, null, null),
                "owner_ref = 'group:default/team-3'", PAGE));
        c.add(new Case("type", f(null, "website", null, null, null, null, null, null, null, null),
                "type = 'website'", PAGE));
        c.add(new Case("system", f(null, null, null, null, null, null, null, null, "system:default/sys-4", null),
                "system_ref = 'system:default/sys-4'", PAGE));
        c.add(new Case("namespace", f(null, null, null, null, "payments", null, null, null, null, null),
                "namespace = 'payments'", PAGE));
        // Two equality filters besides kind: the index of one serves the order and the other filters its rows, so
        // the page costs the page divided by the share of the second among the first (lifecycle is 1 in 3 of a
        // team's components): a small multiple.
        c.add(new Case("kind+owner+lifecycle", f("component", null, "group:default/team-3", "production", null,
                null, null, null, null, null),
                "kind = 'component' AND owner_ref = 'group:default/team-3' AND lifecycle = 'production'",
                4 * LIMIT + 16));
        // GIN-served filters: a common value (java on half the components, gold on a fifth) is filtered out of an
        // ordered index scan, costing page / share; a rare one (gdpr on 1 in 100 components, ledger in the text of 1
        // in 60) is read whole from its GIN index and sorted, costing its matches (120, 200). Both stay far below the
        // kind's 12,000 rows. Without a kind, each kind's branch reads the rare value's matches in that kind.
        c.add(new Case("kind+tag common", f("component", null, null, null, null, List.of("java"), null, null, null,
                null), "kind = 'component' AND tags @> ARRAY['java']", 3 * LIMIT + 16));
        c.add(new Case("kind+tag rare", f("component", null, null, null, null, List.of("gdpr"), null, null, null,
                null), "kind = 'component' AND tags @> ARRAY['gdpr']", 2 * 120 + 16));
        c.add(new Case("tag rare", f(null, null, null, null, null, List.of("gdpr"), null, null, null, null),
                "tags @> ARRAY['gdpr']", 2 * 120 + 16));
        c.add(new Case("kind+label", f("component", null, null, null, null, null, "tier", "gold", null, null),
                "kind = 'component' AND labels @> '{\"tier\":\"gold\"}'", 6 * LIMIT + 16));
        c.add(new Case("kind+text", f("component", null, null, null, null, null, null, null, null, "ledger"),
                "kind = 'component' AND search @@ websearch_to_tsquery('simple', 'ledger')", 2 * 200 + 16));
        c.add(new Case("text", f(null, null, null, null, null, null, null, null, null, "ledger"),
                "search @@ websearch_to_tsquery('simple', 'ledger')", 2 * 200 + 16));
        // Not held, printed for the record: a value rare in the kind asked for but common in another (pci on 120
        // components and all 5,000 resources; checkout in 240 components and all APIs and resources). PostgreSQL
        // estimates the share of a tag or word within a kind as its share of the catalog (it keeps no statistics
        // across kind and array elements), so it may walk the kind's index in sort order expecting a match in every
        // few rows and read thousands; only an index keyed by (kind, tag) or a per-kind statistic would hold this.
        c.add(new Case("kind+tag skewed", f("component", null, null, null, null, List.of("pci"), null, null, null,
                null), "kind = 'component' AND tags @> ARRAY['pci']", NOT_HELD));
        c.add(new Case("kind+text skewed", f("component", null, null, null, null, null, null, null, null,
                "checkout"), "kind = 'component' AND search @@ websearch_to_tsquery('simple', 'checkout')", NOT_HELD));
        return c;
    }

    record Measure(long rows, long buffers, double sqlMs, double planMs, String plan) {
    }

    @Test
    void everyFilteredPageExaminesRowsProportionalToThePage() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                seedSkewedCatalog(c);
                List<String> failures = new ArrayList<>();
                StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                        "%-22s %-12s %-6s %7s %7s %7s %8s %7s %7s  %s%n", "case", "sort", "page", "rows",
                        "generic", "bound", "buffers", "sql ms", "plan ms", "plan (custom)"));
                for (Case k : cases()) {
                    for (Sort sort : Sort.values()) {
                        List<String[]> expected = reference(c, k, sort, 2 * LIMIT - 1);
                        List<String[]> first = run(c, EntitySearchRepository.pageStatement(k.filter(), sort, null,
                                LIMIT, KINDS));
                        assertEquals(refs(expected.subList(0, Math.min(LIMIT, expected.size()))), refs(first),
                                k.name() + " " + sort + " first page");
                        check(c, k, sort, null, "first", report, failures);
                        if (first.size() == LIMIT) {
                            String[] last = first.get(LIMIT - 2); // the 50th row: where the next page starts
                            Cursor cursor = new Cursor(last[1], last[0]);
                            List<String[]> second = run(c, EntitySearchRepository.pageStatement(k.filter(), sort,
                                    cursor, LIMIT, KINDS));
                            assertEquals(refs(expected.subList(LIMIT - 1, expected.size())), refs(second),
                                    k.name() + " " + sort + " cursor page");
                            check(c, k, sort, cursor, "cursor", report, failures);
                        }
                    }
                }
                System.out.println("Rows examined per filtered page on a skewed catalog of 30,000 entities:\n"
                        + report);
                assertTrue(failures.isEmpty(), "pages that examine more rows than their bound:\n"
                        + String.join("\n", failures));
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * Reads the plan twice: as PostgreSQL plans the statement for its values (what the first executions of a
     * prepared statement get), and as the generic plan it may switch to once the driver has prepared the statement
     * on the server and run it a few times (plan_cache_mode = force_generic_plan). With equality filters only, both
     * must stay within the bound: the index is chosen by the shape of the query, not by the values. A generic plan
     * cannot know how common a tag, label or word is; PostgreSQL keeps custom plans while they cost less than the
     * generic one (a common value's ordered scan does), so for those filters the generic plan is printed, not held.
     */
    private void check(Connection c, Case k, Sort sort, Cursor cursor, String page, StringBuilder report,
            List<String> failures) throws Exception {
        EntitySearchRepository.Statement st = EntitySearchRepository.pageStatement(k.filter(), sort, cursor, LIMIT,
                KINDS);
        Measure custom = explain(c, st);
        Measure generic = explainGeneric(c, st);
        String line = String.format(Locale.ROOT, "%-22s %-12s %-6s %7d %7d %7d %8d %7.2f %7.2f  %s", k.name(), sort,
                page, custom.rows(), generic.rows(), k.bound() == NOT_HELD ? -1 : k.bound(), custom.buffers(),
                custom.sqlMs(), custom.planMs(), custom.plan());
        report.append(line).append('\n');
        EntityFilter f = k.filter();
        boolean valueDependent = (f.tags() != null && !f.tags().isEmpty()) || f.labelKey() != null || f.query() != null;
        boolean genericOver = !valueDependent && generic.rows() > k.bound();
        if (custom.rows() > k.bound() || genericOver) {
            failures.add(line + (genericOver ? "\n    generic plan: " + generic.plan() : ""));
        }
    }

    /**
     * 10,000 APIs named api-… (first by name, updated last), 12,000 components svc-…, 5,000 resources zz-… (last by
     * name, updated first) and 3,000 users. The APIs and resources carry the values the component filters ask for
     * (lifecycle production, owner platform, system core, type service, namespace payments, tags, gold), so that a plan
     * which walks an index of one filter column in sort order and drops the other kinds reads thousands of rows.
     */
    private static void seedSkewedCatalog(Connection c) throws SQLException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String insert = """
                INSERT INTO entity (id, ref, kind, namespace, name, type, lifecycle, owner_ref, system_ref, tags,
                                    labels, body, search_text, etag, version, created_at, created_by, updated_at,
                                    updated_by)
                SELECT gen_random_uuid(), %1$s || ':' || ns || '/' || nm, %1$s, ns, nm, ty, lc, ow, sy, tg, lb,
                       jsonb_build_object('kind', %1$s, 'metadata', jsonb_build_object('name', nm)), st, 'e', 1,
                       now(), 'seed', up, 'seed'
                FROM (SELECT i, %2$s) s
                """;
        try (Statement s = c.createStatement()) {
            s.execute(insert.formatted("'api'", """
                    'api-' || lpad(i::text, 5, '0') || '-%s' AS nm, 'default' AS ns, 'service' AS ty,
                    'production' AS lc, 'group:default/platform' AS ow, 'system:default/core' AS sy,
                    ARRAY['java', 'platform'] AS tg, '{"tier": "gold"}'::jsonb AS lb, 'api gateway checkout' AS st,
                    now() - i * interval '1 second' AS up FROM generate_series(1, 10000) i""".formatted(run)));
            s.execute(insert.formatted("'component'", """
                    'svc-' || lpad(i::text, 5, '0') || '-%s' AS nm,
                    CASE WHEN i %% 40 = 7 THEN 'payments' ELSE 'default' END AS ns,
                    (ARRAY['service', 'website', 'library'])[i %% 3 + 1] AS ty,
                    (ARRAY['production', 'experimental', 'deprecated'])[(i / 3) %% 3 + 1] AS lc,
                    CASE WHEN i %% 50 = 0 THEN 'group:default/platform' ELSE 'group:default/team-' || i %% 20 END AS ow,
                    CASE WHEN i %% 40 = 0 THEN 'system:default/core' ELSE 'system:default/sys-' || i %% 10 END AS sy,
                    CASE WHEN i %% 100 = 0 THEN ARRAY['pci'] WHEN i %% 2 = 0 THEN ARRAY['java'] ELSE ARRAY['go'] END
                        || CASE WHEN i %% 100 = 1 THEN ARRAY['gdpr'] ELSE ARRAY[]::text[] END AS tg,
                    CASE WHEN i %% 5 = 0 THEN '{"tier": "gold"}' ELSE '{"tier": "silver"}' END::jsonb AS lb,
                    CASE WHEN i %% 50 = 0 THEN 'component checkout' ELSE 'component' END
                        || CASE WHEN i %% 60 = 0 THEN ' ledger' ELSE '' END AS st,
                    now() - interval '1 day' - i * interval '1 second' AS up
                    FROM generate_series(1, 12000) i""".formatted(run)));
            s.execute(insert.formatted("'resource'", """
                    'zz-' || lpad(i::text, 5, '0') || '-%s' AS nm, 'payments' AS ns, 'service' AS ty,
                    'production' AS lc, 'group:default/platform' AS ow, 'system:default/core' AS sy,
                    ARRAY['pci'] AS tg, '{"tier": "gold"}'::jsonb AS lb, 'resource checkout' AS st,
                    now() - interval '10 days' - i * interval '1 second' AS up
                    FROM generate_series(1, 5000) i""".formatted(run)));
            s.execute(insert.formatted("'user'", """
                    'user-' || lpad(i::text, 5, '0') || '-%s' AS nm, 'default' AS ns, NULL AS ty, NULL AS lc,
                    NULL AS ow, NULL AS sy, ARRAY[]::text[] AS tg, '{}'::jsonb AS lb, 'user' AS st,
                    now() - interval '5 days' - i * interval '1 second' AS up
                    FROM generate_series(1, 3000) i""".formatted(run)));
            s.execute("ANALYZE entity");
        }
    }

    /** The rows a page must hold, by the plainest query: the filter as a predicate and ORDER BY. */
    private static List<String[]> reference(Connection c, Case k, Sort sort, int limit) throws SQLException {
        String dir = sort.descending ? " DESC" : "";
        return query(c, "SELECT ref, NULL FROM entity WHERE deleted_at IS NULL AND " + k.predicate() + " ORDER BY "
                + sort.column + dir + ", ref" + dir + " LIMIT " + limit, List.of());
    }

    /** Runs the statement and returns each row's ref and sort value. */
    private static List<String[]> run(Connection c, EntitySearchRepository.Statement st) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, st.sql(), st.params()); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new String[] { rs.getString(1), rs.getString(5) });
            }
        }
        return rows;
    }

    private static List<String[]> query(Connection c, String sql, List<Object> params) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new String[] { rs.getString(1), rs.getString(2) });
            }
        }
        return rows;
    }

    private static List<String> refs(List<String[]> rows) {
        return rows.stream().map(r -> r[0]).toList();
    }

    private static Measure explain(Connection c, EntitySearchRepository.Statement st) throws Exception {
        String json;
        try (PreparedStatement ps = prepare(c, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + st.sql(), st.params());
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            json = rs.getString(1);
        }
        return measure(json);
    }

    private static Measure measure(String json) throws Exception {
        JsonNode root = JSON.readTree(json).get(0);
        JsonNode plan = root.get("Plan");
        StringBuilder shape = new StringBuilder();
        long rows = examined(plan, shape);
        long buffers = plan.path("Shared Hit Blocks").asLong() + plan.path("Shared Read Blocks").asLong();
        return new Measure(rows, buffers, root.get("Execution Time").asDouble(), root.get("Planning Time").asDouble(),
                shape.toString());
    }

    /** The same statement's generic plan: prepared on the server with $n parameters, explained as it executes. */
    private static Measure explainGeneric(Connection c, EntitySearchRepository.Statement st) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            String types = st.params().isEmpty() ? "" : "(" + String.join(", ", st.params().stream()
                    .map(p -> p instanceof String[] ? "text[]" : "text").toList()) + ")";
            s.execute("PREPARE page_plan" + types + " AS " + PARAM.matcher(st.sql()).replaceAll("\\$$1"));
        }
        try {
            // EXPLAIN EXECUTE takes its arguments as literals (protocol parameters do not reach them).
            String args = st.params().isEmpty() ? ""
                    : "(" + String.join(", ", st.params().stream().map(FilteredPagePlanTest::literal).toList()) + ")";
            String json;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE page_plan" + args)) {
                rs.next();
                json = rs.getString(1);
            }
            return measure(json);
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("DEALLOCATE page_plan");
                s.execute("SET LOCAL plan_cache_mode = auto");
            }
        }
    }

    private static String literal(Object p) {
        if (p instanceof String[] array) {
            return "ARRAY[" + String.join(", ", List.of(array).stream().map(FilteredPagePlanTest::literal).toList())
                    + "]::text[]";
        }
        return "'" + ((String) p).replace("'", "''") + "'";
    }

    /**
     * The rows the plan's table scans produced or threw away (by filter or by recheck of a lossy bitmap), over all
     * loops; the nodes above them only pass these rows on. Collects the scans (node type and index) into {@code shape}.
     */
    private static long examined(JsonNode node, StringBuilder shape) {
        long rows = 0;
        String type = node.path("Node Type").asText();
        if (type.equals("Seq Scan") || type.equals("Index Scan") || type.equals("Index Only Scan")
                || type.equals("Bitmap Heap Scan")) {
            long loops = Math.max(1, node.path("Actual Loops").asLong());
            rows += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                    + node.path("Rows Removed by Index Recheck").asLong()) * loops;
        }
        if (type.endsWith("Scan") || type.equals("Sort") || type.equals("Merge Append")) {
            shape.append(shape.isEmpty() ? "" : ", ").append(type);
            if (node.has("Index Name")) {
                shape.append(' ').append(node.get("Index Name").asText());
            }
        }
        for (JsonNode child : node.path("Plans")) {
            rows += examined(child, shape);
        }
        return rows;
    }

    /** Binds the {@code ?n} parameters of a native statement to JDBC's positional ones (each used once, in order). */
    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        Matcher m = PARAM.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        int expected = 1;
        while (m.find()) {
            assertEquals(expected++, Integer.parseInt(m.group(1)), "parameters are numbered in order: " + sql);
            m.appendReplacement(jdbc, "?");
        }
        m.appendTail(jdbc);
        assertEquals(params.size(), expected - 1, "every parameter is used once: " + sql);
        PreparedStatement ps = c.prepareStatement(jdbc.toString());
        bind(c, ps, params);
        return ps;
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String[] array) {
                ps.setArray(i + 1, c.createArrayOf("text", array));
            } else {
                ps.setString(i + 1, (String) p);
            }
        }
    }
}
