package dev.runway.launcher.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Monday morning: many users at once, each client one of the demo users. Mostly catalog browsing; developers
 * register components for their own team and request (and delete) ephemeral environments; erin checks the audit log.
 */
public final class Monday extends ClosedLoopScenario {
    enum Step { BROWSE, REGISTER, ENVIRONMENT, MY_ENVIRONMENTS, AUDIT }

    static WeightedMix<Step> mix() {
        return new WeightedMix<Step>().add(70, Step.BROWSE).add(10, Step.REGISTER).add(3, Step.ENVIRONMENT)
                .add(10, Step.MY_ENVIRONMENTS).add(7, Step.AUDIT);
    }

    private static final Map<String, String> TEAM = Map.of("alice", "payments", "bob", "payments", "carol", "search",
            "frank", "search");

    private final WeightedMix<Step> mix = mix();
    private final Duration settleTimeout;
    private final AtomicInteger registered = new AtomicInteger();
    private final AtomicInteger envCounter = new AtomicInteger();
    private final Map<String, AtomicInteger> slots = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Environments.Created> ours = new ConcurrentLinkedDeque<>();
    private final List<String> registeredNames = java.util.Collections.synchronizedList(new ArrayList<>());
    private CatalogScenarios.Snapshot snapshot;

    public Monday(Duration settleTimeout) {
        this.settleTimeout = settleTimeout;
    }

    @Override
    public String name() {
        return "monday";
    }

    @Override
    public void prepare(Context ctx) throws Exception {
        if (ctx.seed > 0) {
            CatalogScenarios.seed(ctx.platform, ctx.seed);
            ctx.notes.add("Seeded " + ctx.seed + " synthetic components through the import API before the run.");
        }
        snapshot = CatalogScenarios.Snapshot.read(ctx.platform, 5000);
        slots.put("payments", new AtomicInteger(Environments.QUOTA - Environments.live(ctx.platform, "alice")));
        slots.put("search", new AtomicInteger(Environments.QUOTA - Environments.live(ctx.platform, "carol")));
        StringBuilder shares = new StringBuilder();
        mix.shares().forEach((step, share) -> shares.append(String.format(java.util.Locale.ROOT, " %s %.0f%%,",
                step.name().toLowerCase(), share * 100)));
        ctx.notes.add("Mix:" + shares + " client N acts as demo user N mod 6 (alice, bob, carol, frank, dave, erin);"
                + " registrations and environments only by the four developers for their own team (dave and erin"
                + " browse instead); audit checks always as erin. An environment step requests an ephemeral"
                + " environment while the team's quota has room, else deletes one this run requested."
                + " Database requests are not in the mix.");
    }

    @Override
    protected Runner.Workload workload(Context ctx) {
        Platform p = ctx.platform;
        return (client, random) -> {
            String user = CatalogScenarios.USERS[client % CatalogScenarios.USERS.length];
            String team = TEAM.get(user);
            Step step = mix.pick(random);
            if (team == null && (step == Step.REGISTER || step == Step.ENVIRONMENT)) {
                step = Step.BROWSE;
            }
            switch (step) {
                case REGISTER: {
                    String name = "lb" + ctx.runId + "-reg-" + registered.incrementAndGet();
                    String yaml = CatalogScenarios.component(name, team, CatalogScenarios.description(name.hashCode()
                            & 0xffff), 0);
                    String token = p.userToken(user);
                    return new Runner.Action("catalog.register", () -> {
                        Platform.Response r = p.send("POST", p.urls().catalog(), "/api/v1/entities", token,
                                "application/yaml", yaml);
                        if (r.ok()) {
                            registeredNames.add(name);
                        }
                        return CatalogScenarios.status(r);
                    });
                }
                case ENVIRONMENT: {
                    String token = p.userToken(user);
                    if (slots.get(team).getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
                        String name = "lb" + ctx.runId + "-m" + envCounter.incrementAndGet();
                        return new Runner.Action("environment.request", () -> {
                            long start = System.nanoTime();
                            Platform.Response r = p.send("POST", p.urls().provisioning(), "/api/v1/environments",
                                    token, "application/json", Environments.body(name, team));
                            if (r.ok()) {
                                ours.add(new Environments.Created(r.json().path("id").asText(), team, user, start));
                            } else {
                                slots.get(team).incrementAndGet();
                            }
                            return CatalogScenarios.status(r);
                        });
                    }
                    Environments.Created victim = ours.pollFirst();
                    if (victim == null) {
                        return CatalogScenarios.read(p, snapshot, user, random);
                    }
                    String ownerToken = p.userToken(victim.user());
                    return new Runner.Action("environment.delete", () -> CatalogScenarios.status(p.send("DELETE",
                            p.urls().provisioning(), "/api/v1/environments/" + victim.id(), ownerToken, null, null)));
                }
                case MY_ENVIRONMENTS: {
                    String token = p.userToken(user);
                    return new Runner.Action("environment.list", () -> CatalogScenarios.status(p.send("GET",
                            p.urls().provisioning(), "/api/v1/environments", token, null, null)));
                }
                case AUDIT:
                    return AccessScenarios.auditQuery(p, random);
                default:
                    return CatalogScenarios.read(p, snapshot, user, random);
            }
        };
    }

    @Override
    public void cleanup(Context ctx) throws Exception {
        Platform p = ctx.platform;
        List<Environments.Created> left = new ArrayList<>(ours);
        Map<String, Long> since = new ConcurrentHashMap<>();
        for (Environments.Created env : left) {
            since.put(env.id(), System.nanoTime());
            p.send("DELETE", p.urls().provisioning(), "/api/v1/environments/" + env.id(), p.userToken(env.user()),
                    null, null);
        }
        List<Environments.Created> stuck = Environments.awaitStates(p, left, Set.of("DELETED"), "cleanup",
                System.nanoTime() + settleTimeout.toNanos(), since, new Measurements());
        int removed = 0;
        for (String name : registeredNames) {
            Platform.Response r = p.send("DELETE", p.urls().catalog(), "/api/v1/entities/component/default/" + name,
                    p.userToken(CatalogScenarios.ADMIN), null, null);
            removed += r.ok() ? 1 : 0;
        }
        ctx.notes.add("Cleanup (not measured): " + left.size() + " environments still held at the end deleted ("
                + stuck.size() + " not DELETED within " + settleTimeout + "), " + removed + " of "
                + registeredNames.size() + " registered components deleted.");
    }

    @Override
    public Baseline baseline(Context ctx) {
        return new Baseline("runway_catalog", "the browsing part only (70% of the mix): catalog-service's read"
                + " statements over JDBC with the same clients; registrations, environments and audit checks have no"
                + " counterpart in this phase.",
                (c, client, random) -> CatalogScenarios.readSql(c, snapshot, random));
    }
}
