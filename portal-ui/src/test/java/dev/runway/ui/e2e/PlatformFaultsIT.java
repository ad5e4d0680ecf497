package dev.runway.ui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Faults injected into the running platform, as an operator would meet them: a service killed with SIGKILL in the
 * middle of a write load, and Keycloak gone. After each fault the platform is brought back with {@code bin/runway
 * up} (which starts only what is not running), so the other journeys do not depend on the order they run in.
 *
 * <p>What must hold: every write acknowledged with a 2xx is there after the restart; every acknowledged catalog
 * write also reaches access-service's audit log (the transactional outbox delivers it, even when access-service was
 * the one down); provisioning requests end READY exactly once; with Keycloak gone, tokens already issued keep
 * working on every service, the services stay live and ready, and a new login fails with a clear message (the CLI's,
 * and the portal's sign-in page instead of a redirect to the dead provider). Figures
 * (writes acknowledged and refused, seconds to ready) are printed for RELIABILITY.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformFaultsIT {
    static final String CATALOG = "http://localhost:8081";
    static final String PROVISIONING = "http://localhost:8082";
    static final String ACCESS = "http://localhost:8083";
    static final Map<String, String> SERVICES = Map.of("catalog-service", CATALOG, "provisioning-service",
            PROVISIONING, "access-service", ACCESS, "portal-ui", RunningPlatform.PORTAL);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void platform() throws Exception {
        RunningPlatform.ensureUp();
    }

    @AfterAll
    static void everythingBackUp() throws Exception {
        up();
    }

    @Test
    @Order(1)
    void catalogKilledMidLoadLosesNoAcknowledgedWriteAndNoAuditEvent() throws Exception {
        killedMidCatalogLoad("catalog-service", () -> kill("catalog-service")).print("catalog-service");
    }

    @Test
    @Order(2)
    void accessServiceKilledMidLoadDeniesWritesMeanwhileAndLosesNoAuditEvent() throws Exception {
        // While access-service is down catalog-service cannot ask its decision point and refuses writes (fail
        // closed); the audit events of the writes it acknowledged before wait in its outbox until it is back.
        killedMidCatalogLoad("access-service", () -> kill("access-service")).print("access-service");
    }

    /**
     * The embedded PostgreSQL of all three services dies with SIGKILL: the postmaster and every backend at once, as in
     * a power cut of the database alone. It runs with fsync and synchronous commit on, so every write a service
     * acknowledged was on disk: after crash recovery each is present, its audit event is delivered, and the hash chain
     * still verifies.
     */
    @Test
    @Order(3)
    void postgresKilledMidLoadLosesNoAcknowledgedWriteAndTheAuditChainVerifies() throws Exception {
        long postmaster = postmasterPid();
        Outcome outcome = killedMidCatalogLoad("PostgreSQL", () -> {
            // pg_ctl starts the postmaster in a session of its own: its process group is the postmaster and its backends
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + postmaster).redirectErrorStream(true).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -9 the postmaster's group");
            waitFor("the postmaster to be gone", 30, () -> ProcessHandle.of(postmaster).map(p -> !p.isAlive())
                    .orElse(true));
        });
        JsonNode verification = json(tokenOf("erin"), ACCESS + "/api/v1/audit/verify");
        assertTrue(verification != null && verification.path("ok").asBoolean(), "the audit chain verifies: " + verification);
        outcome.print("postgres (postmaster pid " + postmaster + " and its backends)");
        System.out.printf("FAULT kill -9 postgres: 0 acknowledged writes lost, audit chain verified over %d records%n",
                verification.path("checkedRecords").asLong());
    }

    static long postmasterPid() throws IOException {
        Path pidFile = RunningPlatform.root().resolve(".runway/postgres/data/postmaster.pid");
        return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    }

    @FunctionalInterface
    private interface Fault {
        void inject() throws Exception;
    }

    private record Outcome(int acknowledged, int acknowledgedBeforeKill, int refused, int audited, double secondsToReady) {
        void print(String victim) {
            System.out.printf("FAULT kill -9 %s: %d writes acknowledged (%d before the kill), %d refused or failed,"
                    + " %d present after restart, %d audit events delivered, back to ready %.1f s after the kill%n", victim,
                    acknowledged, acknowledgedBeforeKill, refused, acknowledged, audited, secondsToReady);
        }
    }

    /**
     * Catalog creates from two clients; {@code fault} strikes after 20 acknowledgements, the platform is brought back,
     * and every write acknowledged with a 2xx must be present afterwards with its audit event delivered.
     */
    private Outcome killedMidCatalogLoad(String victim, Fault fault) throws Exception {
        String alice = tokenOf("alice");
        String prefix = ProvisioningJourneyIT.unique("fault-");
        Load load = Load.catalogCreates(alice, prefix, 2);
        int acknowledgedBeforeKill;
        double secondsToReady;
        load.start();
        try {
            waitFor("the load to get 20 acknowledgements", 60, () -> load.acknowledged.size() >= 20);
            fault.inject();
            acknowledgedBeforeKill = load.acknowledged.size();
            long killedAt = System.nanoTime();
            waitFor("a write refused while " + victim + " is down", 30, () -> load.refused.get() > 0);
            up();
            secondsToReady = (System.nanoTime() - killedAt) / 1e9;
            int atRestart = load.acknowledged.size();
            waitFor("writes acknowledged again after the restart", 90, () -> load.acknowledged.size() >= atRestart + 10);
        } finally {
            // a load left running would spend alice's write budget for the journeys after this one
            load.stop();
        }

        List<String> acknowledged = new ArrayList<>(load.acknowledged);
        List<String> audited = presentAndAudited(alice, prefix, acknowledged);
        return new Outcome(acknowledged.size(), acknowledgedBeforeKill, load.refused.get(),
                new HashSet<>(audited).size(), secondsToReady);
    }

    /**
     * Asserts that every acknowledged create under the prefix is present, and waits until access-service's audit log
     * holds each one's event; answers the audit records found (one per record, so duplicates show).
     */
    static List<String> presentAndAudited(String token, String prefix, List<String> acknowledged)
            throws Exception {
        for (String name : acknowledged) {
            HttpResponse<String> entity = get(token, CATALOG + "/api/v1/entities/component/default/" + name);
            assertEquals(200, entity.statusCode(), "acknowledged write of " + name + " is present");
        }
        String erin = tokenOf("erin");
        Set<String> expected = new HashSet<>();
        acknowledged.forEach(name -> expected.add("component:default/" + name));
        waitFor("the audit event of every acknowledged write", 90,
                () -> new HashSet<>(auditedCreates(erin, prefix)).containsAll(expected));
        return auditedCreates(erin, prefix);
    }

    @Test
    @Order(4)
    void provisioningKilledWhileReconcilingEndsEveryRequestReadyExactlyOnce() throws Exception {
        String carol = tokenOf("carol");
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        requestEnvironments(carol, "kill", ids, names);
        kill("provisioning-service");
        up();
        try {
            readyAndListedOnce(carol, ids, names, "after the restart");
            System.out.printf("FAULT kill -9 provisioning-service: %d environments requested before the kill, all READY"
                    + " once after the restart%n", ids.size());
        } finally {
            for (String id : ids) {
                send(carol, "DELETE", PROVISIONING + "/api/v1/environments/" + id, null);
            }
        }
    }

    @Test
    @Order(5)
    void withKeycloakGoneIssuedTokensKeepWorkingAndNewLoginsFailClearly() throws Exception {
        String alice = tokenOf("alice");
        kill("keycloak");
        try {
            for (String base : List.of(CATALOG, PROVISIONING, ACCESS)) {
                HttpResponse<String> ping = get(alice, base + "/api/v1/ping");
                assertEquals(200, ping.statusCode(), base + " still verifies an issued token: " + ping.body());
            }
            String name = ProvisioningJourneyIT.unique("no-sso-");
            HttpResponse<String> write = send(alice, "POST", CATALOG + "/api/v1/entities", """
                    {"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"%s"},
                     "spec":{"type":"service","lifecycle":"experimental","owner":"payments"}}""".formatted(name));
            assertEquals(201, write.statusCode(), write.body());
            for (Map.Entry<String, String> service : SERVICES.entrySet()) {
                assertEquals(200, get(null, service.getValue() + "/q/health/live").statusCode(),
                        service.getKey() + " is live");
            }
            // Longer than the readiness check caches its probe of the provider (5 s), so that the answers below
            // come from probes that found Keycloak gone.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < until) {
                for (String base : List.of(CATALOG, PROVISIONING, ACCESS)) {
                    HttpResponse<String> ready = get(null, base + "/q/health/ready");
                    assertEquals(200, ready.statusCode(), base + " stays ready on its cached keys: " + ready.body());
                }
                Thread.sleep(500);
            }
            assertTrue(get(null, CATALOG + "/q/health/ready").body().contains("unreachable"),
                    "readiness reports the provider as unreachable");
            // A browser that is not signed in is not sent to the dead provider: the portal says why it cannot sign in.
            HttpResponse<String> signIn = portalHome();
            assertEquals(503, signIn.statusCode(), "the portal explains that sign-in is unavailable: " + signIn.body());
            assertTrue(signIn.body().contains("Sign-in is unavailable right now")
                    && signIn.body().contains("Runway cannot reach its identity provider"), signIn.body());
            assertTrue(signIn.headers().firstValue("Retry-After").isPresent(), "the sign-in page says when to retry");
            Path home = Files.createTempDirectory("runway-cli-home");
            ProcessBuilder cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", RunningPlatform.root().resolve("runway-cli/target/runway-cli.jar").toString(), "login",
                    "--password", "-u", "alice").redirectErrorStream(true);
            cli.environment().put("XDG_CONFIG_HOME", home.toString());
            cli.environment().put("RUNWAY_PASSWORD", "runway-demo");
            Process login = cli.start();
            assertTrue(login.waitFor(60, TimeUnit.SECONDS), "the login gives up");
            String said = new String(login.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(4, login.exitValue(), "exit code 4 means unreachable: " + said);
            assertTrue(said.contains("localhost:8180"), "the message names what could not be reached: " + said);
            System.out.printf("FAULT keycloak killed: issued token accepted by 3 services and a write, all ready, portal"
                    + " sign-in answered 503 with its page, login refused: %s%n", said.strip());
        } finally {
            up();
        }
        assertNotEquals("", tokenOf("alice"), "logins work again once Keycloak is back");
        HttpResponse<String> signIn = portalHome();
        assertEquals(302, signIn.statusCode(), "the portal sends browsers to sign in again: " + signIn.body());
        assertTrue(signIn.headers().firstValue("Location").orElse("").startsWith(RunningPlatform.KEYCLOAK + "/realms/runway/"),
                "to Keycloak: " + signIn.headers().firstValue("Location"));
    }

    /**
     * access-service hung, not dead: its process stopped with SIGSTOP, so the kernel still accepts connections and
     * nothing answers. Catalog writes and provisioning lists fail closed with 503 (the first few after the decision
     * timeout, then at once from the open circuit breaker, without waiting on the hung service), and the platform
     * recovers by itself, without a restart, once the process resumes. Latencies are printed for RELIABILITY.md; no
     * timing is asserted (the HTTP client's own 15 s timeout bounds every call).
     */
    @Test
    @Order(6)
    void accessServiceHungFailsClosedAtOnceOnceTheBreakerOpensAndRecoversWithoutRestart() throws Exception {
        String alice = tokenOf("alice");
        String carol = tokenOf("carol");
        String prefix = ProvisioningJourneyIT.unique("hung-");
        AtomicInteger sequence = new AtomicInteger();
        Callable<HttpResponse<String>> write = () -> send(alice, "POST", CATALOG + "/api/v1/entities", """
                {"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"%s"},
                 "spec":{"type":"service","lifecycle":"experimental","owner":"payments"}}"""
                .formatted(prefix + "-" + sequence.incrementAndGet()));
        Callable<HttpResponse<String>> list = () -> get(carol, PROVISIONING + "/api/v1/environments?limit=20");
        assertEquals(201, write.call().statusCode(), "a write before the fault");
        assertEquals(200, list.call().statusCode(), "a list before the fault");

        long pid = Long.parseLong(Files.readString(RunningPlatform.root().resolve(".runway/pids/access-service.pid"))
                .strip());
        signal("STOP", pid);
        double secondsToRecover;
        List<Double> writesWhileClosed = new ArrayList<>();
        List<Double> listsWhileClosed = new ArrayList<>();
        List<Double> writesWhileOpen = new ArrayList<>();
        List<Double> listsWhileOpen = new ArrayList<>();
        try {
            // The breakers (one per calling service) open after at most 6 failed decisions: the first calls wait
            // out the 2 s decision timeout.
            for (int i = 0; i < 8; i++) {
                writesWhileClosed.add(timed503(write, "a catalog write while access-service is hung"));
                listsWhileClosed.add(timed503(list, "a provisioning list while access-service is hung"));
            }
            for (int i = 0; i < 20; i++) {
                writesWhileOpen.add(timed503(write, "a catalog write while the breaker is open"));
                for (int j = 0; j < 5; j++) {
                    listsWhileOpen.add(timed503(list, "a provisioning list while the breaker is open"));
                }
            }
        } finally {
            signal("CONT", pid);
        }
        long resumedAt = System.nanoTime();
        // At the write rate limit's refill rate (2 a second), so the polling never spends alice's budget.
        waitFor("a catalog write accepted again without a restart", 60, () -> {
            try {
                boolean ok = write.call().statusCode() == 201;
                if (!ok) {
                    Thread.sleep(500);
                }
                return ok;
            } catch (Exception e) {
                return false;
            }
        });
        secondsToRecover = (System.nanoTime() - resumedAt) / 1e9;
        waitFor("a provisioning list answered again", 30, () -> {
            try {
                return list.call().statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "access-service recovered as the same process, without a restart");
        System.out.printf("FAULT SIGSTOP access-service: writes before the breaker opened %s; provisioning lists before"
                + " %s; while open: %d catalog writes %s, %d provisioning lists %s (ms, p50/p99/max), all 503;"
                + " first write accepted %.1f s after SIGCONT, no restart%n", percentiles(writesWhileClosed),
                percentiles(listsWhileClosed), writesWhileOpen.size(), percentiles(writesWhileOpen),
                listsWhileOpen.size(), percentiles(listsWhileOpen), secondsToRecover);
    }

    /** Requests three ephemeral environments of team search, adding their ids and names. */
    static void requestEnvironments(String token, String prefix, List<String> ids, List<String> names)
            throws Exception {
        requestEnvironments(token, prefix, ids, names, 3);
    }

    /** Requests {@code count} ephemeral environments of team search, adding their ids and names. */
    static void requestEnvironments(String token, String prefix, List<String> ids, List<String> names, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            String name = ProvisioningJourneyIT.unique(prefix + i + "-");
            HttpResponse<String> created = send(token, "POST", PROVISIONING + "/api/v1/environments",
                    "{\"name\":\"" + name + "\",\"team\":\"search\",\"template\":\"ephemeral\"}");
            assertTrue(created.statusCode() == 201 || created.statusCode() == 202, created.body());
            ids.add(JSON.readTree(created.body()).path("id").asText());
            names.add(name);
        }
    }

    /**
     * Waits until every environment is READY, then asserts the list holds one request of each name: a step run twice
     * (by a restarted or a second replica) must not have provisioned a name twice.
     */
    static void readyAndListedOnce(String token, List<String> ids, List<String> names, String when)
            throws Exception {
        readyAndListedOnce(token, "/api/v1/environments", ids, names, when);
    }

    /** The same for requests of the collection {@code path} (environments or databases). */
    static void readyAndListedOnce(String token, String path, List<String> ids, List<String> names, String when)
            throws Exception {
        waitFor("every request of " + path + " READY " + when, 180, () -> ids.stream().allMatch(id -> {
            JsonNode request = json(token, PROVISIONING + path + "/" + id);
            return request != null && "READY".equals(request.path("state").asText());
        }));
        // Newest first: the requests just made are on the first page of the cap.
        JsonNode list = json(token, PROVISIONING + path + "?limit=200");
        for (String name : names) {
            int requests = 0;
            for (JsonNode item : list.path("items")) {
                requests += name.equals(item.path("name").asText()) ? 1 : 0;
            }
            assertEquals(1, requests, "one request named " + name + " " + when);
        }
    }

    /** The milliseconds a call took, which must fail closed with a 503 problem. */
    static double timed503(Callable<HttpResponse<String>> call, String what) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = call.call();
        double millis = (System.nanoTime() - start) / 1e6;
        assertEquals(503, response.statusCode(), what + " fails closed: " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                what + " answers a problem");
        return millis;
    }

    static String percentiles(List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format("%.1f/%.1f/%.1f", sorted.get((int) Math.floor(0.5 * (sorted.size() - 1))),
                sorted.get((int) Math.ceil(0.99 * (sorted.size() - 1))), sorted.get(sorted.size() - 1));
    }

    /** kill -SIG to the part's whole process group, as recorded by bin/runway. */
    static void signal(String signal, long groupLeader) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + groupLeader).redirectErrorStream(true)
                .start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + groupLeader);
    }

    /** The portal's home page as a browser without a session asks for it (no redirect followed). */
    static HttpResponse<String> portalHome() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(RunningPlatform.PORTAL + "/home")).timeout(Duration.ofSeconds(15))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What one client of a {@link Load} sends next: the key of what was acknowledged, or null when refused. */
    @FunctionalInterface
    interface Attempt {
        String send(int sequence) throws IOException;
    }

    /** One kind of request sent from a few threads until stopped, remembering what was acknowledged. */
    static final class Load {
        final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        final AtomicInteger refused = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sequence = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();

        Load(String name, int clients, Attempt attempt) {
            for (int i = 0; i < clients; i++) {
                threads.add(new Thread(() -> {
                    while (running.get()) {
                        String key;
                        try {
                            key = attempt.send(sequence.incrementAndGet());
                        } catch (IOException e) {
                            key = null;
                        }
                        if (key != null) {
                            acknowledged.add(key);
                        } else {
                            refused.incrementAndGet();
                            sleep(100);
                        }
                    }
                }, "fault-load-" + name + "-" + i));
            }
        }

        /** Catalog creates of components named prefix-N (owner payments); acknowledged: the name. */
        static Load catalogCreates(String token, String prefix, int clients) {
            return new Load("catalog", clients, n -> {
                String name = prefix + "-" + n;
                HttpResponse<String> r = send(token, "POST", CATALOG + "/api/v1/entities", """
                        {"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"%s"},
                         "spec":{"type":"service","lifecycle":"experimental","owner":"payments"}}""".formatted(name));
                return r.statusCode() / 100 == 2 ? name : null;
            });
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
    }

    /** The refs of catalog creates under the prefix that access-service's audit log holds, once per record. */
    static List<String> auditedCreates(String auditor, String prefix) {
        return audited(auditor, "catalog.entity.create", "component:default/" + prefix);
    }

    /** The resources of the audit records of {@code action} on resources starting with the prefix, once per record. */
    static List<String> audited(String auditor, String action, String resourcePrefix) {
        List<String> resources = new ArrayList<>();
        String cursor = null;
        do {
            String url = ACCESS + "/api/v1/audit?limit=200&action=" + URLEncoder.encode(action, StandardCharsets.UTF_8)
                    + "&resource=" + URLEncoder.encode(resourcePrefix, StandardCharsets.UTF_8)
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = json(auditor, url);
            if (page == null) {
                return resources;
            }
            page.path("items").forEach(item -> resources.add(item.path("resource").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return resources;
    }

    /** SIGKILL to the part's whole process group, as recorded by bin/runway. */
    static void kill(String part) throws Exception {
        Path pidFile = RunningPlatform.root().resolve(".runway/pids/" + part + ".pid");
        String pid = Files.readString(pidFile).strip();
        signal("KILL", Long.parseLong(pid));
        waitFor(part + " to be gone", 30, () -> !ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)
                .orElse(false));
    }

    /** bin/runway up: starts only what is not running and waits until every service is ready. */
    static void up() throws Exception {
        runway("up");
    }

    /** bin/runway with these arguments, without rebuilding; its output goes to target/e2e/faults-up.log. */
    static void runway(String... args) throws Exception {
        Path log = Path.of("target", "e2e", "faults-up.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(RunningPlatform.root().resolve("bin/runway").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(RunningPlatform.root().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("RUNWAY_NO_BUILD", "1");
        Process up = pb.start();
        if (!up.waitFor(10, TimeUnit.MINUTES) || up.exitValue() != 0) {
            throw new IllegalStateException("bin/runway " + String.join(" ", args) + " failed; see "
                    + log.toAbsolutePath());
        }
    }

    static String tokenOf(String user) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=runway-cli&username=" + user + "&password=runway-demo";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(RunningPlatform.KEYCLOAK + "/realms/runway/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    static HttpResponse<String> get(String token, String url) throws IOException, InterruptedException {
        return send(token, "GET", url, null);
    }

    static HttpResponse<String> send(String token, String method, String url, String json)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The JSON answer of a GET, or null when the service did not answer 200 (for polling). */
    static JsonNode json(String token, String url) {
        try {
            HttpResponse<String> r = get(token, url);
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    static void waitFor(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting " + seconds + " s for " + what);
            }
            Thread.sleep(250);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
