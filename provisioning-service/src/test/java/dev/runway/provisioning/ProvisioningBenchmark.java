package dev.runway.provisioning;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PasswordUtil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import dev.runway.provisioning.driver.TargetPostgresResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * Benchmark, not a test (no assertions; surefire does not pick it up by name). Run explicitly:
 * {@code ./mvnw -pl provisioning-service verify -Dtest=ProvisioningBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
 * The reconciler runs as in production (scheduler on, nudge after commit): requests are only POSTed and then
 * polled over HTTP. Measures database request to READY latency and 200 concurrent environments to all READY,
 * each beside the same work done directly (JDBC, fabric8) in the same run.
 * Method and results: BENCHMARKS.md, "provisioning-service".
 */
@QuarkusTest
@TestProfile(ProvisioningBenchmark.Production.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(TargetPostgresResource.class)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class ProvisioningBenchmark {
    private static final int DATABASES = 30;
    private static final int ENVIRONMENTS = 200;
    private static final int CLIENT_THREADS = 50;
    /**
     * Teams the 200 environments are spread over. With all 200 in one team, requests queue on the team's quota lock
     * while each holds a pooled connection, and some are refused after the pool's acquisition timeout
     * (BENCHMARKS.md): the figure is for many teams requesting at once.
     */
    private static final int TEAMS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The reconciler as deployed (the test profile turns it off), and room in the team quota for 200 environments. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.scheduler.enabled", "true",
                    "runway.provisioning.reconciler.nudge", "true",
                    "runway.provisioning.quota.environments", "500",
                    "runway.provisioning.quota.databases", "100",
                    "runway.provisioning.quota.cpu-millis", "10000000",
                    "runway.provisioning.quota.memory-mib", "100000000");
        }
    }

    @Inject
    KubernetesClient client;
    @TestHTTPResource("/api/v1")
    URL api;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void run() throws Exception {
        databases();
        environments();
    }

    private void databases() throws Exception {
        String team = "b" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.user("alice", List.of(team), "developer");
        String env = post(token, "/environments", Map.of("name", "env", "team", team, "template", "development"));
        awaitReady(token, "/environments/" + env, 5);
        long[] latency = new long[DATABASES];
        for (int i = -3; i < DATABASES; i++) {
            long t0 = System.nanoTime();
            String db = post(token, "/databases", Map.of("name", "db" + (i + 3), "team", team, "engine", "postgresql",
                    "environment", env));
            awaitReady(token, "/databases/" + db, 5);
            if (i >= 0) {
                latency[i] = System.nanoTime() - t0;
            }
        }
        long[] raw = new long[DATABASES];
        for (int i = -3; i < DATABASES; i++) {
            long t0 = System.nanoTime();
            rawDatabase("raw_" + team + "_" + (i + 3));
            if (i >= 0) {
                raw[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf("BENCH database request -> READY (%d sequential, PostgreSQL): p50 %.1f ms p99 %.1f ms max %.1f ms"
                + " | raw JDBC role+database: p50 %.1f ms p99 %.1f ms%n", DATABASES, pct(latency, 50), pct(latency, 99),
                pct(latency, 100), pct(raw, 50), pct(raw, 99));
    }

    /** The driver's SQL steps, each on its own admin connection as the driver opens them. */
    private static void rawDatabase(String name) throws Exception {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String verifier = PasswordUtil.encodeScramSha256(Base64.getEncoder().encodeToString(secret).toCharArray());
        String quoted = "\"" + name + "\"";
        try (Connection c = admin()) {
            exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", name);
            execute(c, "CREATE ROLE " + quoted + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE CONNECTION LIMIT 20"
                    + " PASSWORD '" + verifier + "'");
        }
        try (Connection c = admin()) {
            exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", name);
            execute(c, "CREATE DATABASE " + quoted + " OWNER " + quoted);
        }
        try (Connection c = admin()) {
            execute(c, "REVOKE CONNECT, TEMPORARY ON DATABASE " + quoted + " FROM PUBLIC");
            execute(c, "GRANT CONNECT, TEMPORARY ON DATABASE " + quoted + " TO " + quoted);
        }
    }

    private static Connection admin() throws Exception {
        return TargetPostgresResource.superuser("postgres");
    }

    private static void exists(Connection c, String sql, String name) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
            }
        }
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void environments() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> teams = new ArrayList<>();
        for (int t = 0; t < TEAMS; t++) {
            teams.add("e" + run + t);
        }
        String token = TestTokens.user("alice", teams, "developer");
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        long t0 = System.nanoTime();
        List<Future<String>> posted = new ArrayList<>();
        for (int i = 0; i < ENVIRONMENTS; i++) {
            String name = "env" + i;
            String team = teams.get(i % TEAMS);
            posted.add(pool.submit(() -> {
                try {
                    return post(token, "/environments", Map.of("name", name, "team", team, "template", "ephemeral"));
                } catch (Refused e) {
                    System.out.println("BENCH refused: " + e.getMessage());
                    return null;
                }
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : posted) {
            String id = f.get();
            if (id != null) {
                ids.add(id);
            }
        }
        double accepted = (System.nanoTime() - t0) / 1e9;
        awaitAllReady(token, ids);
        double api = (System.nanoTime() - t0) / 1e9;

        String rawTeam = "r" + run;
        long r0 = System.nanoTime();
        List<Future<?>> raw = new ArrayList<>();
        for (int i = 0; i < ENVIRONMENTS; i++) {
            String ns = rawTeam + "-env" + i;
            raw.add(pool.submit(() -> {
                rawNamespace(ns, rawTeam);
                return null;
            }));
        }
        for (Future<?> f : raw) {
            f.get();
        }
        double direct = (System.nanoTime() - r0) / 1e9;
        pool.shutdown();
        System.out.printf("BENCH %d concurrent environment requests (%d teams, %d client threads): %d accepted (%d refused) in %.2f s,"
                + " all accepted READY in %.2f s | raw fabric8, same 5 objects x %d namespaces, %d threads: %.2f s%n",
                ENVIRONMENTS, TEAMS, CLIENT_THREADS, ids.size(), ENVIRONMENTS - ids.size(), accepted, api, ENVIRONMENTS, CLIENT_THREADS, direct);
    }

    /** The five objects Fabric8ClusterGateway applies for an environment, applied the same way (create or update). */
    private void rawNamespace(String ns, String team) {
        Map<String, String> labels = Map.of("runway.dev/team", team, "runway.dev/environment", ns,
                "runway.dev/template", "ephemeral", "app.kubernetes.io/managed-by", "runway");
        List<HasMetadata> objects = List.of(
                new NamespaceBuilder().withNewMetadata().withName(ns).withLabels(labels).endMetadata().build(),
                new ResourceQuotaBuilder().withNewMetadata().withName("runway-quota").withNamespace(ns)
                        .withLabels(labels).endMetadata().withNewSpec()
                        .addToHard("requests.cpu", new Quantity("1000m")).addToHard("limits.cpu", new Quantity("1000m"))
                        .addToHard("requests.memory", new Quantity("2048Mi"))
                        .addToHard("limits.memory", new Quantity("2048Mi")).endSpec().build(),
                new LimitRangeBuilder().withNewMetadata().withName("runway-limits").withNamespace(ns)
                        .withLabels(labels).endMetadata().withNewSpec().addNewLimit().withType("Container")
                        .addToDefault("cpu", new Quantity("500m")).addToDefault("memory", new Quantity("512Mi"))
                        .addToDefaultRequest("cpu", new Quantity("100m"))
                        .addToDefaultRequest("memory", new Quantity("128Mi")).endLimit().endSpec().build(),
                new NetworkPolicyBuilder().withNewMetadata().withName("runway-same-namespace-only").withNamespace(ns)
                        .withLabels(labels).endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
                        .addToPolicyTypes("Ingress").addNewIngress().addNewFrom().withNewPodSelector().endPodSelector()
                        .endFrom().endIngress().endSpec().build(),
                new RoleBindingBuilder().withNewMetadata().withName("runway-team-edit").withNamespace(ns)
                        .withLabels(labels).endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                        .withKind("ClusterRole").withName("edit").endRoleRef().addNewSubject()
                        .withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName(team).endSubject()
                        .build());
        for (HasMetadata o : objects) {
            client.resource(o).createOr(NonDeletingOperation::update);
        }
    }

    private String post(String token, String path, Map<String, String> body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 500) {
            throw new Refused("POST " + path + ": " + r.statusCode() + " " + r.body());
        }
        if (r.statusCode() != 202) {
            throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asText();
    }

    /** Polls every pollMillis (coarser for 200 at once, so polling does not crowd out the reconciler); FAILED ends the run. */
    private void awaitReady(String token, String path, long pollMillis) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
                .build();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            JsonNode view = JSON.readTree(r.body());
            String state = view.path("state").asText();
            if ("READY".equals(state)) {
                return;
            }
            if ("FAILED".equals(state) || r.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException(path + " not READY after 120 s");
    }

    /**
     * Watches the team's environment list as a dashboard would, every 250 ms: one request for all of them, so the
     * watching does not crowd the reconciler out of this 2-core machine (200 clients polling their own request every
     * 100 ms would be 2,000 requests/s against the service under test). FAILED ends the run.
     */
    private void awaitAllReady(String token, List<String> ids) throws Exception {
        java.util.Set<String> waiting = new java.util.HashSet<>(ids);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            // 200 environments are one page at the cap; the cursor is followed should the run ever hold more.
            String cursor = null;
            do {
                HttpRequest list = HttpRequest.newBuilder(URI.create(api + "/environments?limit=200"
                        + (cursor == null ? "" : "&cursor=" + cursor))).header("Authorization", "Bearer " + token).build();
                HttpResponse<String> r = http.send(list, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET /environments: " + r.statusCode() + " " + r.body());
                }
                JsonNode page = JSON.readTree(r.body());
                for (JsonNode view : page.path("items")) {
                    String id = view.path("id").asText();
                    if (!waiting.contains(id)) {
                        continue;
                    }
                    if ("READY".equals(view.path("state").asText())) {
                        waiting.remove(id);
                    } else if ("FAILED".equals(view.path("state").asText())) {
                        throw new IllegalStateException(id + " FAILED: " + view.path("reason").asText());
                    }
                }
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            if (waiting.isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(waiting.size() + " environments not READY after 120 s");
    }

    /** A server-side refusal under load: counted and reported, not a reason to stop the run. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static double pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
