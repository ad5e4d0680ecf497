package dev.runway.launcher.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A burst of ephemeral environment requests for payments and search, up to what their quota leaves, then waiting
 * until each is READY, then deleting them all and waiting until each is DELETED.
 */
public final class ProvisioningBurst extends Scenario {
    private static final String[][] TEAMS = { { "payments", "alice" }, { "search", "carol" } };
    private final Duration settleTimeout;

    public ProvisioningBurst(Duration settleTimeout) {
        this.settleTimeout = settleTimeout;
    }

    @Override
    public String name() {
        return "provisioning-burst";
    }

    @Override
    public Measurements runPlatform(Context ctx) throws Exception {
        Platform p = ctx.platform;
        ConcurrentLinkedQueue<String[]> pending = new ConcurrentLinkedQueue<>();
        int index = 0;
        for (String[] team : TEAMS) {
            int live = Environments.live(p, team[1]);
            int slots = Math.max(0, Environments.QUOTA - live);
            ctx.notes.add("Team " + team[0] + ": " + live + " live environments before the burst, " + slots
                    + " requested (quota " + Environments.QUOTA + ").");
            for (int i = 0; i < slots; i++) {
                pending.add(new String[] { "lb" + ctx.runId + "-" + index++, team[0], team[1] });
            }
        }
        List<Environments.Created> created = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> since = new ConcurrentHashMap<>();
        Budget budget = Budget.of(ctx.duration, Math.min(ctx.maxRequests, Math.max(1, pending.size())));
        Measurements m = Runner.run(ctx.clients, budget, 42, (client, random) -> {
            String[] next = pending.poll();
            if (next == null) {
                return new Runner.Action("environment.list", () -> CatalogScenarios.status(p.send("GET",
                        p.urls().provisioning(), "/api/v1/environments", p.userToken("dave"), null, null)));
            }
            String token = p.userToken(next[2]);
            return new Runner.Action("environment.request", () -> {
                long start = System.nanoTime();
                Platform.Response r = p.send("POST", p.urls().provisioning(), "/api/v1/environments", token,
                        "application/json", Environments.body(next[0], next[1]));
                if (r.ok()) {
                    JsonNode view = r.json();
                    created.add(new Environments.Created(view.path("id").asText(), next[1], next[2], start));
                    since.put(view.path("id").asText(), start);
                }
                return CatalogScenarios.status(r);
            });
        });
        long settle = System.nanoTime() + settleTimeout.toNanos();
        List<Environments.Created> notReady = Environments.awaitStates(p, created, Set.of("READY"),
                "environment.request→READY", settle, since, m);
        if (!notReady.isEmpty()) {
            ctx.notes.add(notReady.size() + " environments were not READY within " + settleTimeout + ".");
        }
        for (Environments.Created env : created) {
            long start = System.nanoTime();
            String status;
            try {
                status = CatalogScenarios.status(p.send("DELETE", p.urls().provisioning(),
                        "/api/v1/environments/" + env.id(), p.userToken(env.user()), null, null));
            } catch (java.io.IOException e) {
                status = "io";
            }
            since.put(env.id(), start);
            m.record("environment.delete", (System.nanoTime() - start) / 1000, status, Runner.isSuccess(status));
        }
        List<Environments.Created> notDeleted = Environments.awaitStates(p, created, Set.of("DELETED"),
                "environment.delete→DELETED", System.nanoTime() + settleTimeout.toNanos(), since, m);
        if (!notDeleted.isEmpty()) {
            ctx.notes.add(notDeleted.size() + " environments were not DELETED within " + settleTimeout
                    + "; the reconciler finishes them later.");
        }
        m.stop();
        ctx.notes.add(created.size() + " environments requested (template ephemeral, TTL 1h), polled every 0.5 s"
                + " until READY (bounded by --settle-timeout " + settleTimeout + "), deleted, polled until DELETED."
                + " The phase's seconds include the waits, so its throughput is not a request rate to compare.");
        return m;
    }

    @Override
    public Baseline baseline(Context ctx) {
        return Baseline.none("none: the work is reconciling Namespaces, quotas, policies and bindings in Kubernetes"
                + " and registering the result in the catalog, which has no SQL equivalent; request→READY latency is"
                + " the figure.");
    }
}
