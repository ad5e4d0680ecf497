package dev.runway.catalog.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import dev.runway.catalog.insights.repository.InsightsRepository;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmark, not a test (its name matches no surefire pattern; run it with {@code bin/catalog-bench}): seeds a
 * catalog with {@link CatalogSeeder}, then measures each API read through real HTTP (token verification, JSON,
 * everything) against the same SQL sent straight to PostgreSQL over JDBC in the same run, sequentially from one
 * client, and the import rate of the API against plain JDBC batch inserts of the same rows. Prints a Markdown
 * table and writes it to target/catalog-bench.md.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class CatalogBenchmark {
    private static final int ENTITIES = Integer.getInteger("bench.entities", 100_000);
    private static final int ITERATIONS = Integer.getInteger("bench.iterations", 300);
    private static final int IMPORT_ENTITIES = Integer.getInteger("bench.importEntities", 5_000);
    private static final int IMPORT_BATCH = 500;
    private static final String[] WORDS = { "payments", "checkout", "search", "ledger", "billing", "inventory",
            "shipping", "analytics", "recommendation", "scheduler" };

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Random random = new Random(42);
    private final List<String> table = new ArrayList<>();

    @Test
    void run() throws Exception {
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_catalog"))) {
            long t0 = System.nanoTime();
            CatalogSeeder.Shape shape = CatalogSeeder.seed(c, ENTITIES);
            double seedSeconds = (System.nanoTime() - t0) / 1e9;
            long entities = count(c, "SELECT count(*) FROM entity");
            long relations = count(c, "SELECT count(*) FROM entity_relation");
            table.add("Seeded " + entities + " entities and " + relations + " relation rows in "
                    + String.format("%.1f", seedSeconds) + " s (server-side generate_series).");
            table.add("");
            table.add("| query | API p50 ms | API p99 ms | raw SQL p50 ms | raw SQL p99 ms |");
            table.add("|---|---|---|---|---|");

            // The floor every API row stands on: an authenticated no-op over the same HTTP, token and JSON path.
            compare(c, "floor: GET /api/v1/ping (auth, no query)", i -> "/api/v1/ping",
                    i -> List.of(sql("SELECT 1")));
            compare(c, "lookup by ref (entity + relations)",
                    i -> "/api/v1/entities/component/default/component-" + random.nextInt(shape.components()),
                    i -> {
                        String ref = "component:default/component-" + random.nextInt(shape.components());
                        return List.of(sql("SELECT id, body, etag FROM entity WHERE ref = ? AND deleted_at IS NULL", ref),
                                sql("SELECT DISTINCT r.type, r.target_ref, (e.id IS NOT NULL) FROM entity_relation r"
                                        + " LEFT JOIN entity e ON e.ref = r.target_ref AND e.deleted_at IS NULL"
                                        + " WHERE r.source_ref = ? ORDER BY r.type, r.target_ref", ref));
                    });
            compare(c, "filtered page (kind+owner+lifecycle, 50)",
                    i -> "/api/v1/entities?kind=component&lifecycle=production&limit=50&owner=team-"
                            + random.nextInt(CatalogSeeder.TEAMS),
                    i -> List.of(sql("SELECT ref, body, etag, id FROM entity WHERE deleted_at IS NULL AND kind = ?"
                            + " AND owner_ref = ? AND lifecycle = ? ORDER BY name, ref LIMIT 51", "component",
                            "group:default/team-" + random.nextInt(CatalogSeeder.TEAMS), "production")));
            compare(c, "filtered page (tag, 50)",
                    i -> "/api/v1/entities?limit=50&tag=" + WORDS[random.nextInt(WORDS.length)],
                    i -> List.of(sql("SELECT ref, body, etag, id FROM entity WHERE deleted_at IS NULL"
                            + " AND tags @> CAST(? AS text[]) ORDER BY name, ref LIMIT 51",
                            (Object) new String[] { WORDS[random.nextInt(WORDS.length)] })));
            compare(c, "facets type (kind=component)",
                    i -> "/api/v1/entities/facets?field=type&kind=component",
                    i -> List.of(sql("SELECT type, count(*) FROM entity WHERE deleted_at IS NULL AND kind = ?"
                            + " AND type IS NOT NULL GROUP BY type ORDER BY count(*) DESC, type LIMIT 500", "component")));
            compare(c, "facets owner (all kinds)",
                    i -> "/api/v1/entities/facets?field=owner",
                    i -> List.of(sql("SELECT owner_ref, count(*) FROM entity WHERE deleted_at IS NULL"
                            + " AND owner_ref IS NOT NULL GROUP BY owner_ref ORDER BY count(*) DESC, owner_ref LIMIT 500")));
            compare(c, "full-text q (one word, 50)",
                    i -> "/api/v1/entities?limit=50&q=" + WORDS[random.nextInt(WORDS.length)],
                    i -> List.of(sql("SELECT ref, body, etag, id FROM entity WHERE deleted_at IS NULL"
                            + " AND search @@ websearch_to_tsquery('simple', ?) ORDER BY name, ref LIMIT 51",
                            WORDS[random.nextInt(WORDS.length)])));
            compare(c, "full-text q (two words, 50)",
                    i -> "/api/v1/entities?limit=50&q=" + URLEncoder.encode(WORDS[random.nextInt(WORDS.length)] + " "
                            + WORDS[random.nextInt(WORDS.length)], StandardCharsets.UTF_8),
                    i -> List.of(sql("SELECT ref, body, etag, id FROM entity WHERE deleted_at IS NULL"
                            + " AND search @@ websearch_to_tsquery('simple', ?) ORDER BY name, ref LIMIT 51",
                            WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)])));
            scorecards(c, shape);
            importRate(c);
        }
        String report = String.join("\n", table) + "\n";
        System.out.println("\n" + report);
        Files.writeString(Path.of("target", "catalog-bench.md"), report);
    }

    /**
     * Scorecards and DORA over the seeded catalog: half of every team's components get a production deployment in
     * the last 30 days (and some an incident), then the default scorecard of one entity, a team's rollup (~330
     * entities) and a team's DORA metrics are compared with the same SQL statements sent over JDBC. The raw side
     * returns the rows only; the API also evaluates the rules, builds and serialises the answer.
     */
    private void scorecards(Connection c, CatalogSeeder.Shape shape) throws Exception {
        long t0 = System.nanoTime();
        int deployments = CatalogSeeder.seedDeliveries(c, shape);
        table.add("");
        table.add("Scorecards and DORA: seeded " + deployments + " deployments (half of every team's components) and"
                + " incidents for a tenth of them"
                + " in " + String.format("%.1f", (System.nanoTime() - t0) / 1e9) + " s; the default scorecard (9 rules,"
                + " 4 kinds).");
        table.add("");
        table.add("| query | API p50 ms | API p99 ms | raw SQL p50 ms | raw SQL p99 ms |");
        table.add("|---|---|---|---|---|");
        String[] kinds = { "component", "api", "resource", "system" };
        String facts = InsightsRepository.SCORECARD_FACTS_SQL.replace(":kinds", "?");
        compare(c, "scorecard of one entity (9 rules)",
                i -> "/api/v1/scorecards/component/default/component-" + random.nextInt(shape.components()),
                i -> List.of(sql("SELECT id, rules, applies_to FROM scorecard_definition WHERE id = ?", "default"),
                        sql(facts + "e.ref = ? ORDER BY e.ref", kinds,
                                "component:default/component-" + random.nextInt(shape.components()))));
        compare(c, "scorecard rollup of a team (~" + (ENTITIES - CatalogSeeder.TEAMS) / CatalogSeeder.TEAMS
                + " entities)",
                i -> "/api/v1/scorecards?team=team-" + random.nextInt(CatalogSeeder.TEAMS),
                i -> List.of(sql("SELECT id, rules, applies_to FROM scorecard_definition WHERE id = ?", "default"),
                        sql(facts + "e.owner_ref = ? ORDER BY e.ref", kinds,
                                "group:default/team-" + random.nextInt(CatalogSeeder.TEAMS))));
        compare(c, "DORA of a team (30d, production)",
                i -> "/api/v1/dora?team=team-" + random.nextInt(CatalogSeeder.TEAMS),
                i -> {
                    String team = "group:default/team-" + random.nextInt(CatalogSeeder.TEAMS);
                    Timestamp to = Timestamp.from(Instant.now());
                    Timestamp from = Timestamp.from(to.toInstant().minus(Duration.ofDays(30)));
                    return List.of(sql(named(InsightsRepository.DEPLOYMENTS_SQL.formatted("e.owner_ref = :scope"),
                                    "env", "from", "to", "scope"), "production", from, to, team),
                            sql(named(InsightsRepository.INCIDENTS_SQL.formatted("e.owner_ref = :scope"),
                                    "from", "to", "scope"), from, to, to, to, team),
                            sql("SELECT count(*) FROM entity e WHERE e.deleted_at IS NULL AND e.owner_ref = ?", team));
                });
    }

    /**
     * JDBC form of a statement with named parameters: each {@code :name} becomes {@code ?}, so the caller passes
     * one value per placeholder in the order they appear in the text.
     */
    private static String named(String text, String... names) {
        String out = text;
        for (String name : names) {
            out = out.replace(":" + name, "?");
        }
        return out;
    }

    private record Sql(String text, Object[] params) {
    }

    private static Sql sql(String text, Object... params) {
        return new Sql(text, params);
    }

    private void compare(Connection c, String name, IntFunction<String> apiPath, IntFunction<List<Sql>> raw)
            throws Exception {
        String token = TestTokens.user("erin", List.of(), "auditor");
        int warmup = Math.max(20, ITERATIONS / 5);
        long[] api = new long[ITERATIONS];
        for (int i = -warmup; i < ITERATIONS; i++) {
            String path = apiPath.apply(i);
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                    + path)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - t;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            if (i >= 0) {
                api[i] = elapsed;
            }
        }
        long[] sql = new long[ITERATIONS];
        for (int i = -warmup; i < ITERATIONS; i++) {
            List<Sql> statements = raw.apply(i);
            long t = System.nanoTime();
            for (Sql s : statements) {
                try (PreparedStatement ps = c.prepareStatement(s.text())) {
                    for (int p = 0; p < s.params().length; p++) {
                        Object v = s.params()[p];
                        if (v instanceof String[] array) {
                            ps.setArray(p + 1, c.createArrayOf("text", array));
                        } else {
                            ps.setObject(p + 1, v);
                        }
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                }
            }
            long elapsed = System.nanoTime() - t;
            if (i >= 0) {
                sql[i] = elapsed;
            }
        }
        table.add("| " + name + " | " + ms(pct(api, 50)) + " | " + ms(pct(api, 99)) + " | " + ms(pct(sql, 50)) + " | "
                + ms(pct(sql, 99)) + " |");
    }

    private void importRate(Connection c) throws IOException, InterruptedException, SQLException {
        String token = TestTokens.user("dave", List.of(), "platform-admin");
        long t = System.nanoTime();
        for (int b = 0; b < IMPORT_ENTITIES / IMPORT_BATCH; b++) {
            StringBuilder yaml = new StringBuilder();
            for (int i = 0; i < IMPORT_BATCH; i++) {
                int n = b * IMPORT_BATCH + i;
                yaml.append("""
                        apiVersion: backstage.io/v1alpha1
                        kind: Component
                        metadata: {name: imported-%d, description: Handles %s, tags: [java, %s]}
                        spec: {type: service, lifecycle: production, owner: team-%d, system: system-%d,
                          providesApis: [api-%d], dependsOn: ['resource:resource-%d']}
                        ---
                        """.formatted(n, WORDS[n % WORDS.length], WORDS[n % WORDS.length], n % CatalogSeeder.TEAMS,
                        n % 50, n % 100, n % 100));
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                    + "/api/v1/entities/import")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml.toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("import answered " + r.statusCode() + ": " + r.body());
            }
        }
        double apiRate = IMPORT_ENTITIES / ((System.nanoTime() - t) / 1e9);

        t = System.nanoTime();
        c.setAutoCommit(false);
        try (PreparedStatement e = c.prepareStatement("""
                INSERT INTO entity (id, ref, kind, namespace, name, type, lifecycle, owner_ref, system_ref, tags, labels,
                    body, search_text, etag, version, created_at, created_by, updated_at, updated_by)
                VALUES (?, ?, 'component', 'default', ?, 'service', 'production', ?, ?, ?, '{}', CAST(? AS jsonb), ?, ?, 1,
                    now(), 'bench', now(), 'bench')""");
                PreparedStatement r = c.prepareStatement(
                        "INSERT INTO entity_relation (source_ref, type, target_ref, origin_ref) VALUES (?, ?, ?, ?)")) {
            for (int b = 0; b < IMPORT_ENTITIES / IMPORT_BATCH; b++) {
                for (int i = 0; i < IMPORT_BATCH; i++) {
                    int n = b * IMPORT_BATCH + i;
                    String ref = "component:default/raw-" + n;
                    String owner = "group:default/team-" + (n % CatalogSeeder.TEAMS);
                    String system = "system:default/system-" + (n % 50);
                    e.setObject(1, UUID.randomUUID());
                    e.setString(2, ref);
                    e.setString(3, "raw-" + n);
                    e.setString(4, owner);
                    e.setString(5, system);
                    e.setArray(6, c.createArrayOf("text", new String[] { "java", WORDS[n % WORDS.length] }));
                    e.setString(7, "{\"apiVersion\":\"backstage.io/v1alpha1\",\"kind\":\"Component\",\"metadata\":{\"name\":\"raw-"
                            + n + "\"},\"spec\":{\"type\":\"service\",\"lifecycle\":\"production\",\"owner\":\"team-"
                            + (n % CatalogSeeder.TEAMS) + "\"}}");
                    e.setString(8, "raw-" + n + " Handles " + WORDS[n % WORDS.length]);
                    e.setString(9, Integer.toHexString(n));
                    e.addBatch();
                    String[][] rels = { { ref, "ownedBy", owner }, { owner, "ownerOf", ref }, { ref, "partOf", system },
                            { system, "hasPart", ref }, { ref, "providesApi", "api:default/api-" + (n % 100) },
                            { "api:default/api-" + (n % 100), "apiProvidedBy", ref },
                            { ref, "dependsOn", "resource:default/resource-" + (n % 100) },
                            { "resource:default/resource-" + (n % 100), "dependencyOf", ref } };
                    for (String[] rel : rels) {
                        r.setString(1, rel[0]);
                        r.setString(2, rel[1]);
                        r.setString(3, rel[2]);
                        r.setString(4, ref);
                        r.addBatch();
                    }
                }
                e.executeBatch();
                r.executeBatch();
                c.commit();
            }
        } finally {
            c.setAutoCommit(true);
        }
        double rawRate = IMPORT_ENTITIES / ((System.nanoTime() - t) / 1e9);
        table.add("");
        table.add("| bulk import | API entities/s | raw JDBC batch entities/s |");
        table.add("|---|---|---|");
        table.add("| " + IMPORT_ENTITIES + " components with 4 relations each, batches of " + IMPORT_BATCH + " | "
                + Math.round(apiRate) + " | " + Math.round(rawRate) + " |");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long pct(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }
}
