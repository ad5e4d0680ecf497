package dev.runway.launcher.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Catalog reads and imports through catalog-service, and the SQL it runs for them. */
public final class CatalogScenarios {
    public static final String ADMIN = "dave";
    static final String[] USERS = { "alice", "bob", "carol", "frank", "dave", "erin" };
    static final String[] WORDS = { "ledger", "checkout", "invoice", "ranking", "indexer", "query", "gateway", "billing",
            "crawler", "fraud", "payout", "suggest" };
    static final int IMPORT_BATCH = 500;

    // The statements of catalog-service's EntityRepository, RelationRepository and EntitySearchRepository.
    static final String SQL_BY_REF = "SELECT e.id::text, e.body::text, e.etag, (SELECT json_agg(json_build_array("
            + "r.type, r.target_ref, r.resolved) ORDER BY r.type, r.target_ref)::text FROM (SELECT DISTINCT x.type,"
            + " x.target_ref, EXISTS (SELECT 1 FROM entity t WHERE t.ref = x.target_ref AND t.deleted_at IS NULL)"
            + " AS resolved FROM entity_relation x WHERE x.source_ref = e.ref) r) FROM entity e"
            + " WHERE e.ref = ? AND e.deleted_at IS NULL";
    static final String SQL_PAGE_BY_OWNER = "SELECT ref, CAST(body AS text), etag, CAST(id AS text), name FROM entity"
            + " WHERE deleted_at IS NULL AND kind = ? AND owner_ref = ? ORDER BY name, ref LIMIT 21";
    static final String SQL_FACET = "SELECT value, sum(n) FROM (SELECT value, count AS n FROM entity_facet_count"
            + " WHERE field = ? UNION ALL SELECT value, delta FROM entity_facet_delta WHERE field = ?) x"
            + " GROUP BY value HAVING sum(n) > 0 ORDER BY sum(n) DESC, value LIMIT 100";
    static final String SQL_SEARCH = "SELECT ref, CAST(body AS text), etag, CAST(id AS text), name FROM entity"
            + " WHERE deleted_at IS NULL AND search @@ websearch_to_tsquery('simple', ?) ORDER BY name, ref LIMIT 21";
    static final String[] FACET_FIELDS = { "kind", "owner", "lifecycle", "type" };

    private CatalogScenarios() {
    }

    /** What the catalog holds, read once before the load: refs to fetch, owners to filter by. */
    static final class Snapshot {
        final List<String[]> refs = new ArrayList<>(); // kind, namespace, name
        final List<String> owners = new ArrayList<>();

        String canonicalRef(int i) {
            String[] r = refs.get(i);
            return r[0].toLowerCase() + ":" + r[1] + "/" + r[2].toLowerCase();
        }

        static Snapshot read(Platform p, int maxRefs) throws Exception {
            Snapshot s = new Snapshot();
            URI catalog = p.urls().catalog();
            String cursor = null;
            do {
                Platform.Response r = p.send("GET", catalog, "/api/v1/entities?kind=component&limit=100&fields=metadata.name"
                        + (cursor == null ? "" : "&cursor=" + Platform.q(cursor)), p.userToken(ADMIN), null, null);
                if (!r.ok()) {
                    throw new IllegalStateException("catalog list answered " + r.status() + ": " + r.body());
                }
                JsonNode page = r.json();
                for (JsonNode item : page.path("items")) {
                    s.refs.add(new String[] { "component", item.path("metadata").path("namespace").asText("default"),
                            item.path("metadata").path("name").asText() });
                }
                cursor = page.path("nextCursor").asText(null);
            } while (cursor != null && s.refs.size() < maxRefs);
            Platform.Response f = p.send("GET", catalog, "/api/v1/entities/facets?field=owner&kind=component",
                    p.userToken(ADMIN), null, null);
            for (JsonNode v : f.json().path("values")) {
                s.owners.add(v.path("value").asText());
            }
            if (s.refs.isEmpty() || s.owners.isEmpty()) {
                throw new IllegalStateException("the catalog holds no component: run with --seed N to import some");
            }
            return s;
        }
    }

    static String component(String name, String owner, String description, int generation) {
        return "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + name
                + "\n  description: " + description + "\n  tags: [loadbench]\n  annotations:\n"
                + "    runway.dev/loadbench-generation: \"" + generation + "\"\nspec:\n  type: service\n"
                + "  lifecycle: experimental\n  owner: " + owner + "\n";
    }

    static String description(int i) {
        return WORDS[i % WORDS.length] + " " + WORDS[(i / WORDS.length) % WORDS.length] + " synthetic component " + i;
    }

    /** Imports {@code count} synthetic components (loadbench-seed-N, owned by payments or search) as the admin. */
    static void seed(Platform p, int count) throws Exception {
        for (int start = 0; start < count; start += IMPORT_BATCH) {
            StringBuilder yaml = new StringBuilder();
            for (int i = start; i < Math.min(count, start + IMPORT_BATCH); i++) {
                yaml.append("---\n").append(component("loadbench-seed-" + i, i % 2 == 0 ? "payments" : "search",
                        description(i), 0));
            }
            Platform.Response r = p.send("POST", p.urls().catalog(), "/api/v1/entities/import", p.userToken(ADMIN),
                    "application/yaml", yaml.toString());
            if (!r.ok()) {
                throw new IllegalStateException("seeding import answered " + r.status() + ": " + r.body());
            }
        }
    }

    /** Imports --seed synthetic components if asked, then samples what the catalog holds for the reads. */
    static Snapshot seedAndSample(Scenario.Context ctx) throws Exception {
        if (ctx.seed > 0) {
            seed(ctx.platform, ctx.seed);
            ctx.notes.add("Seeded " + ctx.seed + " synthetic components (loadbench-seed-*) through the import API"
                    + " before the run.");
        }
        return Snapshot.read(ctx.platform, 5000);
    }

    /** One catalog read of a browsing user, through the API. */
    static Runner.Action read(Platform p, Snapshot s, String user, SplittableRandom random) throws Exception {
        String token = p.userToken(user);
        URI catalog = p.urls().catalog();
        int kind = random.nextInt(10);
        if (kind < 4) {
            String[] ref = s.refs.get(random.nextInt(s.refs.size()));
            return new Runner.Action("catalog.get-by-ref", () -> status(p.send("GET", catalog,
                    "/api/v1/entities/" + ref[0] + "/" + ref[1] + "/" + Platform.q(ref[2]), token, null, null)));
        } else if (kind < 7) {
            String owner = s.owners.get(random.nextInt(s.owners.size()));
            return new Runner.Action("catalog.list-by-owner", () -> status(p.send("GET", catalog,
                    "/api/v1/entities?kind=component&owner=" + Platform.q(owner) + "&limit=20", token, null, null)));
        } else if (kind < 8) {
            String field = FACET_FIELDS[random.nextInt(FACET_FIELDS.length)];
            return new Runner.Action("catalog.facets", () -> status(p.send("GET", catalog,
                    "/api/v1/entities/facets?field=" + field, token, null, null)));
        } else {
            String word = WORDS[random.nextInt(WORDS.length)];
            return new Runner.Action("catalog.search", () -> status(p.send("GET", catalog,
                    "/api/v1/entities?q=" + word + "&limit=20", token, null, null)));
        }
    }

    /** The same read, as catalog-service's SQL. */
    static Runner.Action readSql(Connection c, Snapshot s, SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind < 4) {
            String ref = s.canonicalRef(random.nextInt(s.refs.size()));
            return new Runner.Action("catalog.get-by-ref", () -> {
                drain(c, SQL_BY_REF, ref);
                return "ok";
            });
        } else if (kind < 7) {
            String owner = s.owners.get(random.nextInt(s.owners.size()));
            return new Runner.Action("catalog.list-by-owner", () -> drain(c, SQL_PAGE_BY_OWNER, "component", owner));
        } else if (kind < 8) {
            String field = FACET_FIELDS[random.nextInt(FACET_FIELDS.length)];
            return new Runner.Action("catalog.facets", () -> drain(c, SQL_FACET, field, field));
        } else {
            String word = WORDS[random.nextInt(WORDS.length)];
            return new Runner.Action("catalog.search", () -> drain(c, SQL_SEARCH, word));
        }
    }

    static String status(Platform.Response r) {
        return Integer.toString(r.status());
    }

    /** Runs a query and reads every column of every row, as the service does. */
    static String drain(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getObject(i);
                    }
                }
            }
        }
        return "ok";
    }

    public static final class Reads extends ClosedLoopScenario {
        private Snapshot snapshot;

        @Override
        public String name() {
            return "catalog-reads";
        }

        @Override
        public void prepare(Context ctx) throws Exception {
            snapshot = seedAndSample(ctx);
            ctx.notes.add("Read mix: 40% by ref, 30% component page filtered by owner, 10% facets of the whole catalog,"
                    + " 20% full-text; " + snapshot.refs.size() + " component refs and " + snapshot.owners.size()
                    + " owners sampled; users alice, bob, carol, frank, dave, erin round-robin over clients.");
        }

        @Override
        protected Runner.Workload workload(Context ctx) {
            return (client, random) -> read(ctx.platform, snapshot, USERS[client % USERS.length], random);
        }

        @Override
        public Baseline baseline(Context ctx) {
            return new Baseline("runway_catalog", "catalog-service's own statements (by ref + outgoing relations,"
                    + " keyset page, maintained facet counts, full-text page) over JDBC, same mix, same clients, no"
                    + " HTTP, no token check, no JSON mapping.",
                    (c, client, random) -> readSql(c, snapshot, random));
        }
    }

    static final String SQL_PAGE_50_BY_OWNER = SQL_PAGE_BY_OWNER.replace("LIMIT 21", "LIMIT 51");

    /**
     * The same three reads through Runway's own API and through its Backstage-compatible API ({@code /api/catalog}),
     * interleaved at random in one run, so that the two are measured on the same machine state: an entity by its
     * name, a page of 50 components of one owner in name order, and the lifecycle facet of the whole catalog. The
     * report lists each operation of each API; their ratio is the compatibility layer's cost.
     */
    public static final class BackstageReads extends ClosedLoopScenario {
        private Snapshot snapshot;

        @Override
        public String name() {
            return "backstage-reads";
        }

        @Override
        public void prepare(Context ctx) throws Exception {
            snapshot = seedAndSample(ctx);
            ctx.notes.add("Each request picks one of three reads (1/3 each) and one of the two APIs (1/2 each):"
                    + " runway.by-ref GET /api/v1/entities/{kind}/{ns}/{name} vs backstage.by-name GET"
                    + " /api/catalog/entities/by-name/{kind}/{ns}/{name}; runway.page-50 GET"
                    + " /api/v1/entities?kind=component&owner=X&limit=50 vs backstage.by-query-50 GET"
                    + " /api/catalog/entities/by-query?filter=kind=component,relations.ownedBy=X"
                    + "&orderField=metadata.name,asc&limit=50; runway.facets GET /api/v1/entities/facets?field=lifecycle"
                    + " vs backstage.facets GET /api/catalog/entity-facets?facet=spec.lifecycle. "
                    + snapshot.refs.size() + " component refs and " + snapshot.owners.size() + " owners sampled.");
        }

        @Override
        protected Runner.Workload workload(Context ctx) {
            Platform p = ctx.platform;
            URI catalog = p.urls().catalog();
            return (client, random) -> {
                String token = p.userToken(USERS[client % USERS.length]);
                boolean backstage = random.nextBoolean();
                int op = random.nextInt(3);
                if (op == 0) {
                    String[] ref = snapshot.refs.get(random.nextInt(snapshot.refs.size()));
                    String path = ref[0] + "/" + ref[1] + "/" + Platform.q(ref[2]);
                    return backstage
                            ? new Runner.Action("backstage.by-name", () -> status(p.send("GET", catalog,
                                    "/api/catalog/entities/by-name/" + path, token, null, null)))
                            : new Runner.Action("runway.by-ref", () -> status(p.send("GET", catalog,
                                    "/api/v1/entities/" + path, token, null, null)));
                } else if (op == 1) {
                    String owner = snapshot.owners.get(random.nextInt(snapshot.owners.size()));
                    return backstage
                            ? new Runner.Action("backstage.by-query-50", () -> status(p.send("GET", catalog,
                                    "/api/catalog/entities/by-query?filter=" + Platform.q("kind=component,relations.ownedBy="
                                            + owner) + "&orderField=" + Platform.q("metadata.name,asc") + "&limit=50",
                                    token, null, null)))
                            : new Runner.Action("runway.page-50", () -> status(p.send("GET", catalog,
                                    "/api/v1/entities?kind=component&owner=" + Platform.q(owner) + "&limit=50", token,
                                    null, null)));
                }
                return backstage
                        ? new Runner.Action("backstage.facets", () -> status(p.send("GET", catalog,
                                "/api/catalog/entity-facets?facet=spec.lifecycle", token, null, null)))
                        : new Runner.Action("runway.facets", () -> status(p.send("GET", catalog,
                                "/api/v1/entities/facets?field=lifecycle", token, null, null)));
            };
        }

        @Override
        public Baseline baseline(Context ctx) {
            return new Baseline("runway_catalog", "catalog-service's own statements for the three reads (by ref with"
                    + " outgoing relations, keyset page of 50 by owner, maintained facet counts), over JDBC, same"
                    + " clients, no HTTP, no token check, no JSON mapping.",
                    (c, client, random) -> {
                        int op = random.nextInt(3);
                        if (op == 0) {
                            String ref = snapshot.canonicalRef(random.nextInt(snapshot.refs.size()));
                            return new Runner.Action("sql.by-ref", () -> drain(c, SQL_BY_REF, ref));
                        } else if (op == 1) {
                            String owner = snapshot.owners.get(random.nextInt(snapshot.owners.size()));
                            return new Runner.Action("sql.page-50", () -> drain(c, SQL_PAGE_50_BY_OWNER, "component",
                                    owner));
                        }
                        return new Runner.Action("sql.facets", () -> drain(c, SQL_FACET, "lifecycle", "lifecycle"));
                    });
        }
    }

    public static final class Import extends ClosedLoopScenario {
        private final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String name() {
            return "catalog-import";
        }

        /** Each client re-imports its own 500 names, changed each time: the first batch creates, later ones update. */
        private String batch(int client, int gen) {
            StringBuilder yaml = new StringBuilder();
            for (int i = 0; i < IMPORT_BATCH; i++) {
                yaml.append("---\n").append(component("loadbench-import-c" + client + "-" + i,
                        i % 2 == 0 ? "payments" : "search", description(i), gen));
            }
            return yaml.toString();
        }

        @Override
        public void prepare(Context ctx) {
            ctx.notes.add("Each request imports one multi-document YAML of " + IMPORT_BATCH + " components as dave;"
                    + " client N re-imports loadbench-import-cN-0..499 with a changed annotation, so its first"
                    + " request creates and later ones update (the catalog grows by at most clients x 500).");
        }

        @Override
        protected Runner.Workload workload(Context ctx) {
            Platform p = ctx.platform;
            return (client, random) -> {
                String yaml = batch(client, generation.incrementAndGet());
                String token = p.userToken(ADMIN);
                return new Runner.Action("catalog.import-500", () -> status(p.send("POST", p.urls().catalog(),
                        "/api/v1/entities/import", token, "application/yaml", yaml)));
            };
        }

        @Override
        public void prepareBaselineConnection(Connection c) throws Exception {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE IF NOT EXISTS loadbench_entity (LIKE entity INCLUDING ALL)");
            }
            c.setAutoCommit(false);
        }

        @Override
        public Baseline baseline(Context ctx) {
            return new Baseline("runway_catalog", "an upsert of the same 500 rows (columns of catalog-service's entity"
                    + " row, JSON body, generated tsvector, the same indexes) in one transaction per batch, into a"
                    + " per-connection TEMP copy of the entity table (so unlogged: no WAL), without validation,"
                    + " relations, history or outbox.",
                    (c, client, random) -> {
                        int gen = generation.incrementAndGet();
                        return new Runner.Action("catalog.import-500", () -> upsert(c, client, gen));
                    });
        }

        private static String upsert(Connection c, int client, int gen) throws Exception {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO loadbench_entity (id, ref, kind, namespace,"
                    + " name, type, lifecycle, owner_ref, tags, labels, body, search_text, etag, version, created_at,"
                    + " created_by, updated_at, updated_by) VALUES (gen_random_uuid(), ?, 'component', 'default', ?,"
                    + " 'service', 'experimental', ?, '{loadbench}', '{}', CAST(? AS jsonb), ?, md5(?), 1, now(),"
                    + " 'dave', now(), 'dave') ON CONFLICT (ref) DO UPDATE SET body = excluded.body, search_text ="
                    + " excluded.search_text, etag = excluded.etag, version = loadbench_entity.version + 1,"
                    + " updated_at = now()")) {
                for (int i = 0; i < IMPORT_BATCH; i++) {
                    String name = "loadbench-import-c" + client + "-" + i;
                    String owner = "group:default/" + (i % 2 == 0 ? "payments" : "search");
                    String body = Platform.JSON.writeValueAsString(java.util.Map.of("apiVersion",
                            "backstage.io/v1alpha1", "kind", "Component", "metadata", java.util.Map.of("name", name,
                                    "description", description(i), "annotations", java.util.Map.of(
                                            "runway.dev/loadbench-generation", Integer.toString(gen))),
                            "spec", java.util.Map.of("type", "service", "lifecycle", "experimental", "owner", owner)));
                    s.setString(1, "component:default/" + name);
                    s.setString(2, name);
                    s.setString(3, owner);
                    s.setString(4, body);
                    s.setString(5, name + " " + description(i));
                    s.setString(6, body);
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
                return "ok";
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }
}
