package dev.runway.ui.e2e;

import static dev.runway.ui.e2e.PlatformFaultsIT.ACCESS;
import static dev.runway.ui.e2e.PlatformFaultsIT.CATALOG;
import static dev.runway.ui.e2e.PlatformFaultsIT.HTTP;
import static dev.runway.ui.e2e.PlatformFaultsIT.JSON;
import static dev.runway.ui.e2e.PlatformFaultsIT.PROVISIONING;
import static dev.runway.ui.e2e.PlatformFaultsIT.audited;
import static dev.runway.ui.e2e.PlatformFaultsIT.get;
import static dev.runway.ui.e2e.PlatformFaultsIT.json;
import static dev.runway.ui.e2e.PlatformFaultsIT.kill;
import static dev.runway.ui.e2e.PlatformFaultsIT.presentAndAudited;
import static dev.runway.ui.e2e.PlatformFaultsIT.readyAndListedOnce;
import static dev.runway.ui.e2e.PlatformFaultsIT.requestEnvironments;
import static dev.runway.ui.e2e.PlatformFaultsIT.runway;
import static dev.runway.ui.e2e.PlatformFaultsIT.send;
import static dev.runway.ui.e2e.PlatformFaultsIT.tokenOf;
import static dev.runway.ui.e2e.PlatformFaultsIT.up;
import static dev.runway.ui.e2e.PlatformFaultsIT.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.ui.e2e.PlatformFaultsIT.Load;

/**
 * Two replicas of each API behind HAProxy ({@code bin/runway up --replicas 2}), as on Kubernetes, under a mixed
 * load: catalog creates and imports, policy decisions, access requests approved by a lead, environment and database
 * requests (one pair of them competing with one idempotency key on the two provisioning replicas). Before it,
 * requests that compete are sent at once to both replicas: two replacements with one ETag, two approvals of one
 * access request, a burst of environment requests at the team's quota. One replica of each API is killed with
 * SIGKILL in the middle of the load and nothing is restarted.
 *
 * <p>What must hold: the survivors keep acknowledging every kind of request; every acknowledged write is present
 * and its audit event recorded exactly once (the survivor's relay delivers the killed replica's outbox); every
 * acknowledged decision and approval is audited exactly once, every grant created once and expired once by the
 * expiry job of whichever replica claimed it; every environment and database ends READY exactly once (the
 * survivor's reconciler takes the killed one's steps); the hash chain verifies. Scheduled work is counted from each
 * replica's own metrics: an elected job (facet compaction, the TTL reaper) runs at most once per period between the
 * two replicas, and the survivor takes it over after the kill; a shared job runs on both. Figures are printed for
 * RELIABILITY.md. The platform goes back to one instance of each service afterwards.
 */
class ReplicasIT {
    /** Replica i of a service listens on its port + 10000 + 100 i (bin/runway's replica_port). */
    private static final Map<String, Integer> PORT = Map.of("catalog-service", 8081, "provisioning-service", 8082,
            "access-service", 8083);
    /** The elected jobs and their periods in the launcher's configuration (both 2 s). */
    private static final Map<String, String> ELECTED = Map.of("catalog.facet-compaction", "catalog-service",
            "provisioning.ttl-reaper", "provisioning-service");
    private static final double ELECTED_PERIOD_SECONDS = 2;
    private static final Map<String, String> SHARED = Map.of("provisioning.reconciler", "provisioning-service",
            "outbox-relay", "catalog-service");
    private static final Pattern RUNS = Pattern.compile("^runway_scheduled_runs_total\\{(.*)} ([0-9.eE+-]+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @BeforeAll
    static void platform() throws Exception {
        RunningPlatform.ensureUp();
    }

    @Test
    void twoReplicasOfEachApiUnderMixedLoadOneOfEachKilledLoseNothingAndRunScheduledWorkOnce() throws Exception {
        runway("down");
        runway("up", "--replicas", "2");
        List<String> environments = new ArrayList<>();
        List<String> environmentNames = new ArrayList<>();
        List<String> databases = new ArrayList<>();
        List<String> databaseNames = new ArrayList<>();
        String carol = tokenOf("carol");
        try {
            String alice = tokenOf("alice");
            String bob = tokenOf("bob");
            String frank = tokenOf("frank");
            String erin = tokenOf("erin");
            String prefix = ProvisioningJourneyIT.unique("replica-");

            // Two environments ready to hold the databases; two more are requested while the load runs.
            requestEnvironments(carol, "rep-e", environments, environmentNames, 2);
            readyAndListedOnce(carol, environments, environmentNames, "before the load");

            String competing = competingRequestsOnTwoReplicas(alice, prefix);

            Map<String, Map<String, Double>> atStart = scheduledRunsOfAll(1, 2);
            long startedAt = System.nanoTime();
            Load creates = Load.catalogCreates(alice, prefix, 2);
            Load imports = imports(bob, prefix);
            Load decisions = decisions(frank, prefix);
            Load approvals = approvals(carol, bob, prefix);
            List<Load> loads = List.of(creates, imports, decisions, approvals);
            loads.forEach(Load::start);
            Map<String, Map<String, Double>> beforeKill;
            long killedAt;
            Map<String, Integer> atKill = new HashMap<>();
            try {
                requestDatabases(carol, environments.get(0), prefix, databases, databaseNames);
                requestEnvironments(carol, "rep-k", environments, environmentNames, 2);
                waitFor("every kind of request acknowledged before the kill, and 20 s of two-replica scheduling", 120,
                        () -> creates.acknowledged.size() >= 20 && imports.acknowledged.size() >= 2
                                && decisions.acknowledged.size() >= 20 && approvals.acknowledged.size() >= 3
                                && System.nanoTime() - startedAt >= 20e9);
                beforeKill = scheduledRunsOfAll(1, 2);
                killedAt = System.nanoTime();
                kill("catalog-service-1");
                kill("provisioning-service-1");
                kill("access-service-1");
                for (Map.Entry<String, Load> l : Map.of("creates", creates, "imports", imports, "decisions",
                        decisions, "approvals", approvals).entrySet()) {
                    atKill.put(l.getKey(), l.getValue().acknowledged.size());
                }
                waitFor("every kind of request acknowledged by the surviving replicas, without a restart", 120,
                        () -> creates.acknowledged.size() >= atKill.get("creates") + 10
                                && imports.acknowledged.size() >= atKill.get("imports") + 2
                                && decisions.acknowledged.size() >= atKill.get("decisions") + 10
                                && approvals.acknowledged.size() >= atKill.get("approvals") + 2
                                && System.nanoTime() - killedAt >= 10e9);
            } finally {
                for (Load l : loads) {
                    l.stop();
                }
            }
            Map<String, Map<String, Double>> atEnd = scheduledRunsOfAll(2);
            long endedAt = System.nanoTime();

            // Catalog: every created and imported component present, its creation audited once.
            List<String> createdNames = new ArrayList<>(creates.acknowledged);
            List<String> written = new ArrayList<>(createdNames);
            imports.acknowledged.forEach(batch -> written.addAll(List.of(batch.split(","))));
            int imported = written.size() - createdNames.size();
            List<String> auditedCreates = presentAndAudited(alice, prefix, written);
            assertEquals(new HashSet<>(auditedCreates).size(), auditedCreates.size(),
                    "no create audited twice: " + auditedCreates);

            // Decisions: each acknowledged one audited exactly once.
            List<String> decided = new ArrayList<>(decisions.acknowledged);
            waitFor("the audit record of every acknowledged decision", 60, () -> new HashSet<>(audited(erin,
                    "decision:catalog.entity.write", decisionResource(prefix, ""))).containsAll(decided));
            List<String> auditedDecisions = audited(erin, "decision:catalog.entity.write", decisionResource(prefix, ""));
            assertEquals(new HashSet<>(auditedDecisions).size(), auditedDecisions.size(),
                    "no decision audited twice");

            // Access: each acknowledged approval approved once, its grant created once and, after its 30 s, expired
            // once by the expiry job of whichever replica claimed it.
            List<String> grants = new ArrayList<>();
            for (String id : approvals.acknowledged) {
                JsonNode request = json(carol, ACCESS + "/api/v1/access-requests/" + id);
                assertNotNull(request, "acknowledged access request " + id + " is there");
                assertEquals("APPROVED", request.path("status").asText(), request.toString());
                assertEquals(1, audited(erin, "access-request.approve", "access-request:" + id).size(),
                        "approval of " + id + " audited once");
                String grant = request.path("grantId").asText();
                assertEquals(1, audited(erin, "grant.create", "role-binding:" + grant).size(),
                        "grant " + grant + " created once");
                grants.add(grant);
            }
            waitFor("every grant expired by the expiry job", 180, () -> grants.stream()
                    .allMatch(g -> !audited(erin, "grant.expire", "role-binding:" + g).isEmpty()));
            for (String grant : grants) {
                assertEquals(1, audited(erin, "grant.expire", "role-binding:" + grant).size(),
                        "grant " + grant + " expired once");
            }

            // Provisioning: every environment and database READY once.
            readyAndListedOnce(carol, environments, environmentNames, "on the surviving provisioning replica");
            readyAndListedOnce(carol, "/api/v1/databases", databases, databaseNames,
                    "on the surviving provisioning replica");

            JsonNode verification = verify(erin);

            String scheduling = checkScheduledRuns(atStart, beforeKill, atEnd, (killedAt - startedAt) / 1e9,
                    (endedAt - killedAt) / 1e9);
            int acknowledged = createdNames.size() + imports.acknowledged.size() + decided.size()
                    + approvals.acknowledged.size() + environments.size() + databases.size();
            int refused = loads.stream().mapToInt(l -> l.refused.get()).sum();
            System.out.printf("FAULT two replicas, kill -9 one of each API under mixed load: %d requests acknowledged"
                    + " (%d catalog creates, %d imports of %d components, %d decisions, %d approved access requests,"
                    + " %d environments, %d databases), %d of them after the kill, no restart; %d refused or failed;"
                    + " lost 0: all present, %d catalog creations, %d decisions, %d approvals and grants audited once each, %d"
                    + " grants expired once each, chain verified over %d records; %d environments and %d databases"
                    + " READY once (duplicate provisions 0). Competing on two replicas: %s. Scheduled: %s%n",
                    acknowledged, createdNames.size(),
                    imports.acknowledged.size(), imported, decided.size(), approvals.acknowledged.size(),
                    environments.size(), databases.size(), acknowledged - atKill.values().stream()
                            .mapToInt(Integer::intValue).sum() - environments.size() - databases.size(),
                    refused, auditedCreates.size(), auditedDecisions.size(), grants.size(), grants.size(),
                    verification.path("checkedRecords").asLong(), environments.size(), databases.size(), competing,
                    scheduling);
        } finally {
            for (String id : databases) {
                send(carol, "DELETE", PROVISIONING + "/api/v1/databases/" + id, null);
            }
            for (String id : environments) {
                send(carol, "DELETE", PROVISIONING + "/api/v1/environments/" + id, null);
            }
            runway("down");
            up();
        }
    }

    /**
     * Requests that compete, sent at once to the two replicas' own ports (not through the load balancer): two
     * replacements of one entity with the same ETag (one wins, the other is answered 412), two approvals of one access
     * request by two eligible approvers (one wins, the other 409, one grant), and a burst of environment requests at
     * the team's quota (every refusal states the team exactly full, never over it). Answers the figures.
     */
    private static String competingRequestsOnTwoReplicas(String alice, String prefix) throws Exception {
        String name = prefix + "-etag";
        HttpResponse<String> created = send(alice, "POST", CATALOG + "/api/v1/entities", component(name, "v0"));
        assertEquals(201, created.statusCode(), created.body());
        String etag = get(alice, CATALOG + "/api/v1/entities/component/default/" + name).headers().firstValue("ETag")
                .orElseThrow();
        List<Integer> replaced = statuses(2, (replica, i) -> HttpRequest.newBuilder(URI.create("http://localhost:"
                + replicaPort("catalog-service", replica) + "/api/v1/entities/component/default/" + name))
                .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json")
                .header("If-Match", etag).PUT(HttpRequest.BodyPublishers.ofString(component(name, "v" + replica))));
        assertEquals(List.of(200, 412), replaced, "one replacement per ETag across the replicas");

        String frank = tokenOf("frank");
        HttpResponse<String> asked = send(frank, "POST", ACCESS + "/api/v1/access-requests", """
                {"role":"developer","scope":"team:payments","duration":"PT30S","justification":"%s: competing"}"""
                .formatted(prefix));
        assertEquals(201, asked.statusCode(), asked.body());
        String request = JSON.readTree(asked.body()).path("id").asText();
        List<String> approvers = List.of(tokenOf("bob"), tokenOf("dave"));
        List<Integer> approved = statuses(2, (replica, i) -> HttpRequest.newBuilder(URI.create("http://localhost:"
                + replicaPort("access-service", replica) + "/api/v1/access-requests/" + request + "/approve"))
                .header("Authorization", "Bearer " + approvers.get(i)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"competing\"}")));
        assertEquals(List.of(200, 409), approved, "one approval of one request across the replicas");
        String erin = tokenOf("erin");
        assertEquals(1, audited(erin, "access-request.approve", "access-request:" + request).size(),
                "the approval audited once");

        int burst = 12;
        List<HttpResponse<String>> answers = answers(burst, (replica, i) -> HttpRequest.newBuilder(URI.create(
                "http://localhost:" + replicaPort("provisioning-service", replica) + "/api/v1/environments"))
                .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"rep-q%d-%s","team":"payments","template":"ephemeral"}""".formatted(i,
                        Long.toString(System.nanoTime() % 1_000_000, 36)))));
        int accepted = 0;
        try {
            for (HttpResponse<String> a : answers) {
                if (a.statusCode() / 100 == 2) {
                    accepted++;
                } else {
                    assertEquals(409, a.statusCode(), a.body());
                    assertTrue(a.body().contains("already has 10 environments, its quota is 10"),
                            "refused at the quota, never past it: " + a.body());
                }
            }
        } finally {
            for (HttpResponse<String> a : answers) {
                if (a.statusCode() / 100 == 2) {
                    send(alice, "DELETE", PROVISIONING + "/api/v1/environments/" + JSON.readTree(a.body()).path("id")
                            .asText(), null);
                }
            }
        }
        return String.format("2 replacements with one ETag answered %s, 2 approvals of one request %s, %d environment"
                + " requests at the quota of 10: %d accepted, %d refused as full", replaced, approved, burst, accepted,
                burst - accepted);
    }

    private static String component(String name, String description) {
        return """
                {"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"%s","description":"%s"},
                 "spec":{"type":"service","lifecycle":"experimental","owner":"payments"}}""".formatted(name, description);
    }

    /** Request i of n goes to replica 1 or 2 in turn. */
    @FunctionalInterface
    private interface ToReplica {
        HttpRequest.Builder request(int replica, int i);
    }

    /** The n requests sent at once, answered in order of sending. */
    private static List<HttpResponse<String>> answers(int n, ToReplica requests) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(HTTP.sendAsync(requests.request(i % 2 + 1, i).timeout(Duration.ofSeconds(15))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> s : sent) {
            answers.add(s.get());
        }
        return answers;
    }

    /** The statuses of the n requests sent at once, sorted. */
    private static List<Integer> statuses(int n, ToReplica requests) throws Exception {
        return answers(n, requests).stream().map(HttpResponse::statusCode).sorted().toList();
    }

    /** The audit chain's verification, which must be intact; it reads every record, so it may take a while. */
    private static JsonNode verify(String auditor) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ACCESS + "/api/v1/audit/verify"))
                .timeout(Duration.ofMinutes(3)).header("Authorization", "Bearer " + auditor)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "the chain is verified: " + r.body());
        JsonNode verification = JSON.readTree(r.body());
        assertTrue(verification.path("ok").asBoolean(), "the chain verifies: " + verification);
        return verification;
    }

    /** Imports of 10 components each (owner payments, as bob); acknowledged: the batch's names, comma-separated. */
    private static Load imports(String token, String prefix) {
        return new Load("imports", 1, n -> {
            StringBuilder yaml = new StringBuilder();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String name = prefix + "-imp-" + n + "-" + i;
                names.add(name);
                yaml.append("""
                        ---
                        apiVersion: backstage.io/v1alpha1
                        kind: Component
                        metadata:
                          name: %s
                        spec:
                          type: library
                          lifecycle: production
                          owner: payments
                        """.formatted(name));
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(CATALOG + "/api/v1/entities/import"))
                    .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/yaml").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(yaml.toString())).build();
            HttpResponse<String> r = sendQuietly(request);
            PlatformFaultsIT.sleep(300);
            return r != null && r.statusCode() == 200 ? String.join(",", names) : null;
        });
    }

    /** Single decisions asked by frank about components of payments, each on a resource of its own. */
    private static Load decisions(String token, String prefix) {
        return new Load("decisions", 2, n -> {
            String resource = decisionResource(prefix, "-" + n);
            HttpResponse<String> r = send(token, "POST", ACCESS + "/api/v1/decisions", """
                    {"action":"catalog.entity.write","resource":{"id":"%s","owner":"payments"}}""".formatted(resource));
            return r.statusCode() == 200 ? resource : null;
        });
    }

    private static String decisionResource(String prefix, String suffix) {
        return "entity:component:default/" + prefix + "-dec" + suffix;
    }

    /**
     * carol asks for developer on team:payments for 30 s and bob, its lead, approves; acknowledged: the request's
     * id once the approval was. A request whose approval got no answer (its replica died) is approved again first.
     */
    private static Load approvals(String requester, String approver, String prefix) {
        Map<String, Boolean> unapproved = new ConcurrentHashMap<>();
        return new Load("approvals", 1, n -> {
            String id = unapproved.keySet().stream().findFirst().orElse(null);
            if (id == null) {
                HttpResponse<String> created = send(requester, "POST", ACCESS + "/api/v1/access-requests", """
                        {"role":"developer","scope":"team:payments","duration":"PT30S",
                         "justification":"%s: pairing %d"}""".formatted(prefix, n));
                if (created.statusCode() != 201) {
                    PlatformFaultsIT.sleep(400);
                    return null;
                }
                id = JSON.readTree(created.body()).path("id").asText();
                unapproved.put(id, true);
            }
            HttpResponse<String> approved = send(approver, "POST", ACCESS + "/api/v1/access-requests/" + id
                    + "/approve", "{\"comment\":\"replica test\"}");
            PlatformFaultsIT.sleep(400);
            if (approved.statusCode() == 200) {
                unapproved.remove(id);
                return id;
            }
            if (approved.statusCode() == 409) {
                // approved by an earlier try whose answer was lost: done, but never acknowledged to us
                unapproved.remove(id);
            }
            return null;
        });
    }

    /**
     * A PostgreSQL, a MariaDB and a Redis database in the environment, and one more PostgreSQL database requested
     * twice at once with one idempotency key, once on each provisioning replica: both answers name one request.
     */
    private static void requestDatabases(String token, String environment, String prefix, List<String> ids,
            List<String> names) throws Exception {
        String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
        for (String engine : List.of("postgresql", "mariadb", "redis")) {
            String name = engine.substring(0, 2) + "_" + suffix;
            HttpResponse<String> r = send(token, "POST", PROVISIONING + "/api/v1/databases", body(name, engine,
                    environment));
            assertTrue(r.statusCode() == 201 || r.statusCode() == 202, r.body());
            ids.add(JSON.readTree(r.body()).path("id").asText());
            names.add(name);
        }
        String name = "idem_" + suffix;
        String key = prefix + "-idem";
        List<CompletableFuture<HttpResponse<String>>> competing = new ArrayList<>();
        for (int replica = 1; replica <= 2; replica++) {
            URI uri = URI.create("http://localhost:" + replicaPort("provisioning-service", replica) + "/api/v1/databases");
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body(name, "postgresql", environment))).build();
            competing.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        String first = null;
        for (CompletableFuture<HttpResponse<String>> answer : competing) {
            HttpResponse<String> r = answer.get();
            assertTrue(r.statusCode() / 100 == 2, "an idempotent request is answered on either replica: " + r.body());
            String id = JSON.readTree(r.body()).path("id").asText();
            if (first == null) {
                first = id;
            } else {
                assertEquals(first, id, "one idempotency key on two replicas makes one request");
            }
        }
        ids.add(first);
        names.add(name);
    }

    private static String body(String name, String engine, String environment) {
        return """
                {"name":"%s","team":"search","engine":"%s","environment":"%s"}""".formatted(name, engine, environment);
    }

    private static HttpResponse<String> sendQuietly(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int replicaPort(String service, int replica) {
        return PORT.get(service) + 10000 + 100 * replica;
    }

    /** runway_scheduled_runs_total of every API replica listed, keyed "service-i" then "job/outcome". */
    private static Map<String, Map<String, Double>> scheduledRunsOfAll(int... replicas) throws Exception {
        Map<String, Map<String, Double>> all = new HashMap<>();
        for (String service : PORT.keySet()) {
            for (int replica : replicas) {
                all.put(service + "-" + replica, scheduledRuns(replicaPort(service, replica)));
            }
        }
        return all;
    }

    private static Map<String, Double> scheduledRuns(int port) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/q/metrics")).timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), "metrics of the replica on " + port);
        Map<String, Double> runs = new HashMap<>();
        for (String line : metrics.body().split("\n")) {
            Matcher m = RUNS.matcher(line.strip());
            if (m.matches()) {
                Map<String, String> labels = new HashMap<>();
                Matcher l = LABEL.matcher(m.group(1));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
                runs.put(labels.get("job") + "/" + labels.get("outcome"), Double.parseDouble(m.group(2)));
            }
        }
        return runs;
    }

    private static double delta(Map<String, Map<String, Double>> from, Map<String, Map<String, Double>> to,
            String replica, String key) {
        return to.get(replica).getOrDefault(key, 0.0) - from.get(replica).getOrDefault(key, 0.0);
    }

    /**
     * While both replicas ran, an elected job ran at most once per period between them (a tick may come a tenth of a
     * period early, and each end of the window may catch one more) and both replicas took part (the loser counts
     * skips); after the kill, the survivor ran it. A shared job ran on both replicas. Answers the figures.
     */
    private static String checkScheduledRuns(Map<String, Map<String, Double>> atStart,
            Map<String, Map<String, Double>> beforeKill, Map<String, Map<String, Double>> atEnd, double bothSeconds,
            double survivorSeconds) {
        StringBuilder figures = new StringBuilder();
        for (Map.Entry<String, String> job : ELECTED.entrySet()) {
            String one = job.getValue() + "-1";
            String two = job.getValue() + "-2";
            String ran = job.getKey() + "/ran";
            String skipped = job.getKey() + "/skipped";
            double ranBoth = delta(atStart, beforeKill, one, ran) + delta(atStart, beforeKill, two, ran);
            double skippedBoth = delta(atStart, beforeKill, one, skipped) + delta(atStart, beforeKill, two, skipped);
            double periods = bothSeconds / ELECTED_PERIOD_SECONDS;
            double bound = bothSeconds / (0.9 * ELECTED_PERIOD_SECONDS) + 2;
            assertTrue(ranBoth >= 1 && ranBoth <= bound, job.getKey() + " ran " + ranBoth + " times in "
                    + bothSeconds + " s on two replicas: at most once per period (bound " + bound + ")");
            assertTrue(skippedBoth >= 1, job.getKey() + ": the other replica ticked and skipped the periods it lost");
            double ranAfter = delta(beforeKill, atEnd, two, ran);
            assertTrue(ranAfter >= 1, job.getKey() + ": the survivor took the job over after the kill");
            figures.append(String.format("%s ran %.0f times in %.1f periods on two replicas (%.0f ticks skipped), then"
                    + " %.0f times in %.1f periods on the survivor; ", job.getKey(), ranBoth, periods, skippedBoth,
                    ranAfter, survivorSeconds / ELECTED_PERIOD_SECONDS));
        }
        for (Map.Entry<String, String> job : SHARED.entrySet()) {
            String ran = job.getKey() + "/ran";
            double one = delta(atStart, beforeKill, job.getValue() + "-1", ran);
            double two = delta(atStart, beforeKill, job.getValue() + "-2", ran);
            assertTrue(one >= 1 && two >= 1, job.getKey() + " (shared through SKIP LOCKED) ran on both replicas");
            figures.append(String.format("%s (shared) ran %.0f and %.0f times on the two replicas; ", job.getKey(),
                    one, two));
        }
        return figures.toString().replaceAll("; $", "");
    }
}
