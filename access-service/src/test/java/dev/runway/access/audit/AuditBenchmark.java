package dev.runway.access.audit;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmark, not a test (no assertions; surefire does not pick it up by name). Run explicitly:
 * {@code ./mvnw -pl access-service verify -Dtest=AuditBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Run it alone (it writes 1M records into the test database, which a fresh test JVM creates empty).
 * Measures audited appends/s and filtered page latency over 1M+ records, each beside raw PostgreSQL in the same run.
 * Method and results: BENCHMARKS.md, "access-service: audit log".
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_access"))
class AuditBenchmark {
    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    /**
     * Which parts to run, for quicker iteration or a profile of one path: any of fill, appends, raw, ping, decisions1,
     * decisions100, queries (comma-separated); all of them unless set.
     */
    private static final List<String> PARTS = List.of(
            System.getProperty("bench.parts", "fill,appends,raw,ping,decisions1,decisions100,queries").split(","));
    private static final int THREADS = 8;
    private static final int APPENDS_PER_THREAD = 1500;
    private static final AtomicLong RAW_SEQ = new AtomicLong(10_000_000);

    @Inject
    AuditService audit;
    @TestHTTPResource("/api/v1/audit")
    URL auditUrl;
    @TestHTTPResource("/api/v1/decisions")
    URL decisionsUrl;
    @TestHTTPResource("/api/v1/ping")
    URL pingUrl;

    private static Connection superuser() throws Exception {
        return DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_access"), "postgres", "");
    }

    @Test
    void run() throws Exception {
        System.out.printf("BENCH PostgreSQL: %s%n", RunwayTestResource.durability());
        if (PARTS.contains("fill")) {
            fill();
        }
        if (PARTS.contains("appends")) {
            report("chain appends, 1 record per transaction, " + THREADS + " threads",
                    parallel(() -> audit.append(entry())));
            report("chain appends, batches of 100 per transaction, " + THREADS + " threads",
                    parallel100(() -> audit.appendAll(Collections.nCopies(100, 0).stream().map(i -> entry()).toList())));
        }
        if (PARTS.contains("raw")) {
            rawTable();
            report("raw PostgreSQL INSERT, 1 row per transaction (autocommit), " + THREADS + " threads",
                    parallel(rawInsert(1)));
            report("raw PostgreSQL INSERT, batches of 100 per transaction, " + THREADS + " threads",
                    parallel100(rawInsert(100)));
        }
        if (PARTS.contains("ping")) {
            ping(16, 400);
        }
        if (PARTS.contains("decisions1")) {
            decisions(1, 16, 400);
        }
        if (PARTS.contains("decisions100")) {
            decisions(100, 8, 40);
        }
        if (PARTS.contains("queries")) {
            queries();
        }
    }

    /**
     * Audited decisions over HTTP as a service asks them: {@code threads} clients, each sending {@code perThread}
     * requests of {@code checks} checks (1: POST /decisions; more: POST /decisions/batch), after a warm-up of the
     * same size. Every decision is audited before it is answered, so decisions/s is audited decisions/s.
     */
    private void decisions(int checks, int threads, int perThread) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = TestTokens.user("alice", List.of("payments"), "developer");
        String check = "{\"action\":\"catalog.entity.write\",\"resource\":{\"id\":\"entity:component:default/payments-api\","
                + "\"owner\":\"payments\"}}";
        String body = checks == 1 ? check : "{\"checks\":[" + String.join(",", Collections.nCopies(checks, check)) + "]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(decisionsUrl + (checks == 1 ? "" : "/batch")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long auditedBefore = audited();
        for (int round = 0; round < 2; round++) {
            long seqBefore = lastSeq();
            Load load = load(http, request, "ALLOW", threads, perThread);
            if (round == 1) {
                System.out.printf("BENCH audited decisions, %d check(s) per request, %d client threads: %,.0f decisions/s "
                        + "(%,d requests, request p50 %.2f ms p99 %.2f ms); audit records added: %,d; "
                        + "group commits in the round: %,d%n", checks, threads, load.perSecond() * checks,
                        load.latencies().length, pct(load.latencies(), 50), pct(load.latencies(), 99),
                        audited() - auditedBefore, commitsSince(seqBefore));
            }
        }
    }

    /**
     * The floor under any single-check figure: the same clients, token and HTTP stack on {@code GET /api/v1/ping}
     * (authentication, a worker thread, JSON out; no body to validate, no database, no audit).
     */
    private void ping(int threads, int perThread) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = TestTokens.user("alice", List.of("payments"), "developer");
        HttpRequest request = HttpRequest.newBuilder(URI.create(pingUrl.toString()))
                .header("Authorization", "Bearer " + token).GET().build();
        load(http, request, "access-service", threads, perThread);
        Load load = load(http, request, "access-service", threads, perThread);
        System.out.printf("BENCH authenticated GET /api/v1/ping, %d client threads: %,.0f requests/s (request p50 %.2f ms "
                + "p99 %.2f ms)%n", threads, load.perSecond(), pct(load.latencies(), 50), pct(load.latencies(), 99));
    }

    private record Load(double perSecond, long[] latencies) {
    }

    /** {@code threads} clients each sending {@code perThread} requests, one after the other. */
    private static Load load(HttpClient http, HttpRequest request, String expected, int threads, int perThread)
            throws Exception {
        long[] latencies = new long[threads * perThread];
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || !r.body().contains(expected)) {
                        throw new IllegalStateException(r.statusCode() + " " + r.body());
                    }
                    latencies[(int) next.getAndIncrement()] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Load(latencies.length / seconds, latencies);
    }

    private static long lastSeq() throws Exception {
        try (Connection c = superuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM audit_record")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Audit transactions that stored the decisions appended after {@code seq}: every append stamps its records with
     * one {@code recorded_at}, so distinct stamps count commits (and so how many decisions share one).
     */
    private static long commitsSince(long seq) throws Exception {
        try (Connection c = superuser(); PreparedStatement s = c.prepareStatement(
                "SELECT count(DISTINCT recorded_at) FROM audit_record WHERE seq > ? AND action LIKE 'decision:%'")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long audited() throws Exception {
        try (Connection c = superuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_record WHERE action LIKE 'decision:%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static AuditEntry entry() {
        return new AuditEntry(null, null, "bench-user", List.of("payments"), "decision", "component:default/bench",
                "allow", "bench", "access-service", null, null, Map.of("k", "v"));
    }

    /**
     * 1M records written directly in SQL for query latency. Their hash columns are filled but do not form a chain
     * (query plans do not depend on hash values); verify is never run on this benchmark-only data.
     */
    private void fill() throws Exception {
        long start = System.nanoTime();
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("INSERT INTO audit_record SELECT g, gen_random_uuid(), timestamptz '2025-01-01' + g * interval '20 seconds', "
                    + "now(), 'user-' || (g % 1000), ARRAY['team-' || (g % 20)], 'action-' || (g % 50), "
                    + "'component:default/svc-' || (g % 5000), (ARRAY['success','failure','allow','deny'])[1 + g % 4], "
                    + "null, 'service-' || (g % 3), null, null, '{}'::jsonb, repeat('0', 64), lpad(to_hex(g), 64, '0') "
                    + "FROM generate_series(1, " + ROWS + ") g");
            // What autovacuum leaves an insert-only table in: statistics, and a visibility map that lets index-only
            // scans skip the heap.
            s.execute("VACUUM ANALYZE audit_record");
        }
        System.out.printf("BENCH fill: %,d records in %.1f s%n", ROWS, (System.nanoTime() - start) / 1e9);
    }

    private static void rawTable() throws Exception {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS raw_insert (LIKE audit_record INCLUDING ALL)");
        }
    }

    /** The same row shape into a plain table (no chain, no lock, no trigger), one connection per thread. */
    private Runnable rawInsert(int rowsPerTransaction) {
        ThreadLocal<Connection> connection = ThreadLocal.withInitial(() -> {
            try {
                Connection c = superuser();
                c.setAutoCommit(rowsPerTransaction == 1);
                return c;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return () -> {
            Connection c = connection.get();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO raw_insert VALUES (?, gen_random_uuid(), now(), now(), "
                    + "'bench-user', ARRAY['payments'], 'decision', 'component:default/bench', 'allow', 'bench', "
                    + "'access-service', null, null, '{\"k\":\"v\"}'::jsonb, repeat('0', 64), repeat('1', 64))")) {
                for (int i = 0; i < rowsPerTransaction; i++) {
                    s.setLong(1, RAW_SEQ.incrementAndGet());
                    s.addBatch();
                }
                s.executeBatch();
                if (rowsPerTransaction > 1) {
                    c.commit();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private double parallel(Runnable op) throws Exception {
        return run(op, APPENDS_PER_THREAD, 1);
    }

    private double parallel100(Runnable op) throws Exception {
        return run(op, APPENDS_PER_THREAD / 100 * 4, 100);
    }

    private double run(Runnable op, int perThread, int recordsPerOp) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    op.run();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        return THREADS * (double) perThread * recordsPerOp / seconds;
    }

    private static void report(String what, double perSecond) {
        System.out.printf("BENCH %s: %,.0f records/s%n", what, perSecond);
    }

    private void queries() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = TestTokens.user("erin", List.of(), "auditor");
        String[] filters = { "actor=user-42", "team=team-7&action=action-17", "resource=component:default/svc-12",
                "actor=user-42&from=2025-03-01T00:00:00Z&to=2025-06-01T00:00:00Z" };
        String[] sql = { "actor = 'user-42'", "actor_teams @> ARRAY['team-7'] AND action = 'action-17'",
                "resource LIKE 'component:default/svc-12%'",
                "actor = 'user-42' AND occurred_at >= '2025-03-01Z' AND occurred_at < '2025-06-01Z'" };
        try (Connection c = superuser()) {
            for (int f = 0; f < filters.length; f++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(auditUrl + "?limit=50&" + filters[f]))
                        .header("Authorization", "Bearer " + token).build();
                long[] api = new long[300];
                long[] raw = new long[300];
                for (int i = -50; i < api.length; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long t1 = System.nanoTime();
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(r.body());
                    }
                    try (PreparedStatement s = c.prepareStatement(
                            "SELECT * FROM audit_record WHERE " + sql[f] + " ORDER BY seq DESC LIMIT 51");
                            ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            rs.getString("hash");
                        }
                    }
                    long t2 = System.nanoTime();
                    if (i >= 0) {
                        api[i] = t1 - t0;
                        raw[i] = t2 - t1;
                    }
                }
                System.out.printf("BENCH query [%s]: API p50 %.2f ms p99 %.2f ms | raw JDBC p50 %.2f ms p99 %.2f ms%n",
                        filters[f], pct(api, 50), pct(api, 99), pct(raw, 50), pct(raw, 99));
            }
        }
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
