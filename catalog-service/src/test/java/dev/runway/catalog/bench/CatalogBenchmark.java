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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.runway.catalog.backstage.BackstageEntityRepository;
import dev.runway.catalog.insights.repository.InsightsRepository;
import dev.runway.catalog.repository.FacetCompaction;
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
    private static final int ITERATIONS = Integer.getInteger("bench.iterations", 2_000);
    private static final int IMPORT_ENTITIES = Integer.getInteger("bench.importEntities", 4_000);
    private static final int IMPORT_BATCH = 500;
    private static final String[] WORDS = { "payments", "checkout", "search", "ledger", "billing", "inventory",
            "shipping", "analytics", "recommendation", "scheduler" };

    @TestHTTPResource("/")
    URL base;

    @Inject
    FacetCompaction facetCompaction;

    /** Requests (reads) or entities (import) sent before measuring: the JIT compiles the service's hot paths. */
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5_000);

    /** HTTP/1.1 with keep-alive, as load tools and browsers talk to the service (no h2c upgrade attempt). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Map<String, Object>> json = new ArrayList<>();
    private int postgresPort;
    private final Random random = new Random(42);
    private final List<String> table = new ArrayList<>();

    @Test
    void run() throws Exception {
        String url = RunwayTestResource.jdbcUrl("runway_catalog");
        postgresPort = Integer.parseInt(url.replaceAll("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1"));
        try (Connection c = DriverManager.getConnection(url)) {
            long t0 = System.nanoTime();
            CatalogSeeder.Shape shape = CatalogSeeder.seed(c, ENTITIES);
            // What a running service's compaction job does within its first 2 s (the test profile leaves it to the
            // tests): the seeded rows' facet deltas folded into the counts.
            facetCompaction.compact();
            double seedSeconds = (System.nanoTime() - t0) / 1e9;
            long entities = count(c, "SELECT count(*) FROM entity");
            long relations = count(c, "SELECT count(*) FROM entity_relation");
            table.add("Seeded " + entities + " entities and " + relations + " relation rows in "
                    + String.format("%.1f", seedSeconds) + " s (server-side generate_series). PostgreSQL: "
                    + RunwayTestResource.durability() + ".");
            table.add("");
            table.add(HEADER);
            table.add(RULE);

            // The floor every API row stands on: an authenticated no-op over the same HTTP, token and JSON path.
            compare(c, "floor: GET /api/v1/ping (auth, no query)", i -> "/api/v1/ping",
                    i -> List.of(sql("SELECT 1")));
            compare(c, "lookup by ref (entity + relations)",
                    i -> "/api/v1/entities/component/default/component-" + random.nextInt(shape.components()),
                    i -> {
                        String ref = "component:default/component-" + random.nextInt(shape.components());
                        // The statement the service sends (RelationRepository.liveWithRelations).
                        return List.of(sql("SELECT e.id::text, e.body::text, e.etag, (SELECT json_agg(json_build_array("
                                + "r.type, r.target_ref, r.resolved) ORDER BY r.type, r.target_ref)::text FROM (SELECT"
                                + " DISTINCT x.type, x.target_ref, EXISTS (SELECT 1 FROM entity t WHERE t.ref ="
                                + " x.target_ref AND t.deleted_at IS NULL) AS resolved FROM entity_relation x"
                                + " WHERE x.source_ref = e.ref) r) FROM entity e WHERE e.ref = ? AND e.deleted_at IS NULL",
                                ref));
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
            backstage(c, shape);
            scorecards(c, shape);
            importRate(c);
        }
        String report = String.join("\n", table) + "\n";
        System.out.println("\n" + report);
        Files.writeString(Path.of("target", "catalog-bench.md"), report);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(Path.of("target", "catalog-bench.json").toFile(), Map.of("entities", ENTITIES,
                        "iterations", ITERATIONS, "warmup", WARMUP, "rows", json));
    }

    /**
     * Backstage's catalog API (/api/catalog) on the questions of the rows above, against the statements it sends: the
     * by-ref lookup, a filtered first page of by-query (its count, here from a scanned kind facet, and its page), and
     * a type facet of one kind. Entities come out of PostgreSQL in Backstage's shape, relations included.
     */
    private void backstage(Connection c, CatalogSeeder.Shape shape) throws Exception {
        String entity = "SELECT " + BackstageEntityRepository.ENTITY_COLUMNS + " FROM entity e";
        compare(c, "backstage: by-name (entity + relations)",
                i -> "/api/catalog/entities/by-name/component/default/component-" + random.nextInt(shape.components()),
                i -> List.of(sql(entity + " WHERE e.ref = ? AND e.deleted_at IS NULL",
                        "component:default/component-" + random.nextInt(shape.components()))));
        compare(c, "backstage: by-query (kind+owner+lifecycle, 50)",
                i -> "/api/catalog/entities/by-query?limit=50&orderField=metadata.name,asc&filter=" + URLEncoder.encode(
                        "kind=component,relations.ownedBy=group:default/team-" + random.nextInt(CatalogSeeder.TEAMS)
                                + ",spec.lifecycle=production", StandardCharsets.UTF_8),
                i -> {
                    String owner = "group:default/team-" + random.nextInt(CatalogSeeder.TEAMS);
                    return List.of(sql("SELECT kind, count(*) FROM entity WHERE deleted_at IS NULL AND kind = ?"
                            + " AND owner_ref = ? AND lifecycle = ? AND kind IS NOT NULL GROUP BY kind"
                            + " ORDER BY count(*) DESC, kind", "component", owner, "production"),
                            sql("SELECT " + BackstageEntityRepository.ENTITY_COLUMNS
                                    + ", CAST(e.name AS text), CAST(e.ref AS text) FROM entity e"
                                    + " WHERE e.deleted_at IS NULL AND ((e.kind = ? AND e.owner_ref = ?"
                                    + " AND e.lifecycle = ?)) ORDER BY e.name, e.ref LIMIT 51", "component", owner,
                                    "production"));
                });
        compare(c, "backstage: entity-facets spec.type (kind=component)",
                i -> "/api/catalog/entity-facets?facet=spec.type&filter=kind%3Dcomponent",
                i -> List.of(sql("SELECT type, count(*) FROM entity WHERE deleted_at IS NULL AND kind = ?"
                        + " AND type IS NOT NULL GROUP BY type ORDER BY count(*) DESC, type", "component")));
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
        table.add(HEADER);
        table.add(RULE);
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

    private static final String HEADER = "| query | API p50 ms | API p95 ms | API p99 ms | raw SQL p50 ms | raw SQL p99 ms"
            + " | API CPU ms/req (JVM + PostgreSQL) | GCs (ms) |";
    private static final String RULE = "|---|---|---|---|---|---|---|---|";

    /**
     * One row: WARMUP (or a fifth of ITERATIONS, if more) unmeasured requests, then ITERATIONS sequential requests
     * through HTTP, then the same for the raw SQL over one JDBC connection.
     */
    private void compare(Connection c, String name, IntFunction<String> apiPath, IntFunction<List<Sql>> raw)
            throws Exception {
        String token = TestTokens.user("erin", List.of(), "auditor");
        int warmup = Math.max(WARMUP, ITERATIONS / 5);
        Histogram api = BenchMeter.histogram();
        BenchMeter.Cpu cpu = null;
        BenchMeter.Gc gc = null;
        for (int i = -warmup; i < ITERATIONS; i++) {
            if (i == 0) {
                cpu = BenchMeter.Cpu.now(postgresPort);
                gc = BenchMeter.Gc.now();
            }
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
                api.recordValue(elapsed);
            }
        }
        BenchMeter.Cpu used = BenchMeter.Cpu.now(postgresPort).minus(cpu);
        BenchMeter.Gc collections = BenchMeter.Gc.now().minus(gc);
        Histogram sql = BenchMeter.histogram();
        for (int i = -warmup / 4; i < ITERATIONS; i++) {
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
                sql.recordValue(elapsed);
            }
        }
        double jvmPerRequest = used.jvmNanos() / 1e6 / ITERATIONS;
        double pgPerRequest = used.postgresNanos() / 1e6 / ITERATIONS;
        table.add("| " + name + " | " + ms(BenchMeter.ms(api, 50)) + " | " + ms(BenchMeter.ms(api, 95)) + " | "
                + ms(BenchMeter.ms(api, 99)) + " | " + ms(BenchMeter.ms(sql, 50)) + " | " + ms(BenchMeter.ms(sql, 99))
                + " | " + ms(jvmPerRequest) + " + " + ms(pgPerRequest) + " | " + collections.count() + " ("
                + collections.millis() + ") |");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("query", name);
        row.put("apiMs", Map.of("p50", BenchMeter.ms(api, 50), "p95", BenchMeter.ms(api, 95),
                "p99", BenchMeter.ms(api, 99), "max", api.getMaxValue() / 1e6));
        row.put("rawSqlMs", Map.of("p50", BenchMeter.ms(sql, 50), "p95", BenchMeter.ms(sql, 95),
                "p99", BenchMeter.ms(sql, 99), "max", sql.getMaxValue() / 1e6));
        row.put("cpuMsPerRequest", Map.of("jvm", jvmPerRequest, "postgres", pgPerRequest));
        row.put("gc", Map.of("collections", collections.count(), "pauseMs", collections.millis()));
        json.add(row);
    }

    /**
     * Bulk import: WARMUP entities first (not measured), then IMPORT_ENTITIES new components in multi-document
     * YAML requests of IMPORT_BATCH, from one client and then from two clients at once (disjoint entities), each
     * beside the same rows written by JDBC batches from as many connections.
     */
    private void importRate(Connection c) throws Exception {
        String token = TestTokens.user("dave", List.of(), "platform-admin");
        importBatches(token, "warmup", Math.max(IMPORT_BATCH, WARMUP / IMPORT_BATCH * IMPORT_BATCH), 1);
        table.add("");
        table.add("| bulk import, " + IMPORT_ENTITIES + " components with 4 relations each, batches of " + IMPORT_BATCH
                + " | API entities/s | API CPU ms/entity (JVM + PostgreSQL) | raw JDBC batch entities/s |");
        table.add("|---|---|---|---|");
        for (int clients : new int[] { 1, 2 }) {
            BenchMeter.Cpu before = BenchMeter.Cpu.now(postgresPort);
            long t = System.nanoTime();
            importBatches(token, "c" + clients, IMPORT_ENTITIES, clients);
            double apiRate = IMPORT_ENTITIES / ((System.nanoTime() - t) / 1e9);
            BenchMeter.Cpu used = BenchMeter.Cpu.now(postgresPort).minus(before);
            t = System.nanoTime();
            parallel(clients, client -> {
                // The driver rewrites the batches into multi-row INSERTs, as it does for the service.
                try (Connection own = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_catalog")
                        + "&reWriteBatchedInserts=true")) {
                    rawImport(own, "c" + clients + "-" + client, IMPORT_ENTITIES / clients);
                }
                return null;
            });
            double rawRate = IMPORT_ENTITIES / ((System.nanoTime() - t) / 1e9);
            double jvm = used.jvmNanos() / 1e6 / IMPORT_ENTITIES;
            double pg = used.postgresNanos() / 1e6 / IMPORT_ENTITIES;
            table.add("| " + clients + (clients == 1 ? " client" : " clients") + " | " + Math.round(apiRate) + " | "
                    + ms(jvm) + " + " + ms(pg) + " | " + Math.round(rawRate) + " |");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("query", "bulk import, " + clients + " client(s)");
            row.put("apiEntitiesPerSecond", apiRate);
            row.put("rawEntitiesPerSecond", rawRate);
            row.put("cpuMsPerEntity", Map.of("jvm", jvm, "postgres", pg));
            json.add(row);
        }
    }

    private interface Task {
        Void run(int client) throws Exception;
    }

    private static void parallel(int clients, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int k = 0; k < clients; k++) {
                int client = k;
                done.add(pool.submit(() -> task.run(client)));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Imports {@code entities} new components named after {@code prefix}, split over {@code clients} clients. */
    private void importBatches(String token, String prefix, int entities, int clients) throws Exception {
        int batches = entities / IMPORT_BATCH;
        parallel(clients, client -> {
            for (int b = client; b < batches; b += clients) {
                StringBuilder yaml = new StringBuilder();
                for (int i = 0; i < IMPORT_BATCH; i++) {
                    int n = b * IMPORT_BATCH + i;
                    yaml.append("""
                            apiVersion: backstage.io/v1alpha1
                            kind: Component
                            metadata: {name: imported-%s-%d, description: Handles %s, tags: [java, %s]}
                            spec: {type: service, lifecycle: production, owner: team-%d, system: system-%d,
                              providesApis: [api-%d], dependsOn: ['resource:resource-%d']}
                            ---
                            """.formatted(prefix, n, WORDS[n % WORDS.length], WORDS[n % WORDS.length],
                            n % CatalogSeeder.TEAMS, n % 50, n % 100, n % 100));
                }
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                        + "/api/v1/entities/import")).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml.toString()))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("import answered " + r.statusCode() + ": " + r.body());
                }
            }
            return null;
        });
    }

    /** The raw side of an import: the same entity and relation rows, JDBC batches of IMPORT_BATCH per commit. */
    private static void rawImport(Connection c, String prefix, int entities) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement e = c.prepareStatement("""
                INSERT INTO entity (id, ref, kind, namespace, name, type, lifecycle, owner_ref, system_ref, tags, labels,
                    body, search_text, etag, version, created_at, created_by, updated_at, updated_by)
                VALUES (?, ?, 'component', 'default', ?, 'service', 'production', ?, ?, ?, '{}', CAST(? AS jsonb), ?, ?, 1,
                    now(), 'bench', now(), 'bench')""");
                PreparedStatement r = c.prepareStatement(
                        "INSERT INTO entity_relation (source_ref, type, target_ref, origin_ref) VALUES (?, ?, ?, ?)")) {
            for (int b = 0; b < entities / IMPORT_BATCH; b++) {
                for (int i = 0; i < IMPORT_BATCH; i++) {
                    int n = b * IMPORT_BATCH + i;
                    String name = "raw-" + prefix + "-" + n;
                    String ref = "component:default/" + name;
                    String owner = "group:default/team-" + (n % CatalogSeeder.TEAMS);
                    String system = "system:default/system-" + (n % 50);
                    e.setObject(1, UUID.randomUUID());
                    e.setString(2, ref);
                    e.setString(3, name);
                    e.setString(4, owner);
                    e.setString(5, system);
                    e.setArray(6, c.createArrayOf("text", new String[] { "java", WORDS[n % WORDS.length] }));
                    e.setString(7, "{\"apiVersion\":\"backstage.io/v1alpha1\",\"kind\":\"Component\",\"metadata\":{\"name\":\""
                            + name + "\"},\"spec\":{\"type\":\"service\",\"lifecycle\":\"production\",\"owner\":\"team-"
                            + (n % CatalogSeeder.TEAMS) + "\"}}");
                    e.setString(8, name + " Handles " + WORDS[n % WORDS.length]);
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
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String ms(double millis) {
        return String.format("%.2f", millis);
    }
}
