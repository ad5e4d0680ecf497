package dev.runway.launcher.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.SplittableRandom;

/** Policy decisions (each one audited) and audit queries of access-service, and the SQL they come down to. */
public final class AccessScenarios {
    static final String[][] DEVELOPERS = { { "alice", "payments" }, { "bob", "payments" }, { "carol", "search" },
            { "frank", "search" } };
    static final String[] ACTIONS = { "catalog.entity.read", "catalog.entity.write", "provisioning.environment.request",
            "provisioning.environment.read" };
    static final int BATCH = 20;

    // access-service's reads of a decision: the subject's memberships, leads and live role bindings.
    static final String SQL_MEMBER = "SELECT team FROM team_member WHERE username = ?";
    static final String SQL_LEAD = "SELECT team FROM team_lead WHERE username = ?";
    static final String SQL_BINDINGS = "SELECT role, scope FROM role_binding WHERE subject = ?"
            + " AND (expires_at IS NULL OR expires_at > now())";

    // AuditQueryService.page: the page's seqs first, then its rows.
    static final String AUDIT_COLUMNS = "seq, event_id, occurred_at, recorded_at, actor, actor_teams, action, resource,"
            + " outcome, reason, source_service, request_id, client_address, details::text, previous_hash, hash";

    private AccessScenarios() {
    }

    static ObjectNode check(SplittableRandom random) {
        String[] dev = DEVELOPERS[random.nextInt(DEVELOPERS.length)];
        String owner = random.nextBoolean() ? "payments" : "search";
        ObjectNode c = Platform.JSON.createObjectNode();
        ObjectNode subject = c.putObject("subject");
        subject.put("name", dev[0]);
        subject.putArray("teams").add(dev[1]);
        subject.putArray("roles").add("developer");
        c.put("action", ACTIONS[random.nextInt(ACTIONS.length)]);
        ObjectNode resource = c.putObject("resource");
        resource.put("id", "entity:component:default/loadbench-" + owner + "-" + random.nextInt(1000));
        resource.put("owner", owner);
        return c;
    }

    public static final class Decisions extends ClosedLoopScenario {
        @Override
        public String name() {
            return "decisions";
        }

        @Override
        public void prepare(Context ctx) throws Exception {
            ctx.platform.serviceToken();
            ctx.notes.add("70% single decisions (POST /api/v1/decisions), 30% batches of " + BATCH
                    + " (POST /api/v1/decisions/batch), as the catalog-service client (client-credentials grant);"
                    + " every decision is appended to the hash-chained audit log.");
        }

        @Override
        protected Runner.Workload workload(Context ctx) {
            Platform p = ctx.platform;
            return (client, random) -> {
                String token = p.serviceToken();
                if (random.nextInt(10) < 7) {
                    String body = check(random).toString();
                    return new Runner.Action("decision.single", () -> CatalogScenarios.status(p.send("POST",
                            p.urls().access(), "/api/v1/decisions", token, "application/json", body)));
                }
                ObjectNode batch = Platform.JSON.createObjectNode();
                ArrayNode checks = batch.putArray("checks");
                for (int i = 0; i < BATCH; i++) {
                    checks.add(check(random));
                }
                String body = batch.toString();
                return new Runner.Action("decision.batch-" + BATCH, () -> CatalogScenarios.status(p.send("POST",
                        p.urls().access(), "/api/v1/decisions/batch", token, "application/json", body)));
            };
        }

        @Override
        public void prepareBaselineConnection(Connection c) throws Exception {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE IF NOT EXISTS loadbench_audit (LIKE audit_record INCLUDING ALL)");
                s.execute("CREATE TEMP SEQUENCE IF NOT EXISTS loadbench_audit_seq");
            }
            c.setAutoCommit(false);
        }

        @Override
        public Baseline baseline(Context ctx) {
            return new Baseline("runway_access", "per decision the subject's team memberships, leads and live role"
                    + " bindings read and one audit row inserted (into a per-connection TEMP copy of audit_record,"
                    + " unlogged, no advisory lock, no hash chain), one transaction per request, same single/batch"
                    + " mix.", (c, client, random) -> {
                        int n = random.nextInt(10) < 7 ? 1 : BATCH;
                        String[][] subjects = new String[n][];
                        for (int i = 0; i < n; i++) {
                            subjects[i] = DEVELOPERS[random.nextInt(DEVELOPERS.length)];
                        }
                        return new Runner.Action(n == 1 ? "decision.single" : "decision.batch-" + BATCH,
                                () -> decideSql(c, subjects));
                    });
        }

        private static String decideSql(Connection c, String[][] subjects) throws Exception {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO loadbench_audit (seq, event_id,"
                    + " occurred_at, recorded_at, actor, actor_teams, action, resource, outcome, source_service,"
                    + " details, previous_hash, hash) VALUES (nextval('loadbench_audit_seq'), gen_random_uuid(),"
                    + " now(), now(), ?, ARRAY[?], 'decision:catalog.entity.write', 'entity:component:default/x',"
                    + " 'allow', 'access-service', '{}', repeat('0', 64), repeat('0', 64))")) {
                for (String[] subject : subjects) {
                    CatalogScenarios.drain(c, SQL_MEMBER, subject[0]);
                    CatalogScenarios.drain(c, SQL_LEAD, subject[0]);
                    CatalogScenarios.drain(c, SQL_BINDINGS, subject[0]);
                    insert.setString(1, subject[0]);
                    insert.setString(2, subject[1]);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
                return "ok";
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** One audit filter: its query string for the API and its WHERE clause and argument for SQL. */
    record AuditFilter(String operation, String query, String where, Object argument) {
    }

    static AuditFilter auditFilter(SplittableRandom random) {
        String[] dev = DEVELOPERS[random.nextInt(DEVELOPERS.length)];
        return switch (random.nextInt(4)) {
            case 0 -> new AuditFilter("audit.by-actor", "actor=" + dev[0], "actor = ?", dev[0]);
            case 1 -> new AuditFilter("audit.by-team", "team=" + dev[1], "actor_teams @> ARRAY[?]::text[]", dev[1]);
            case 2 -> new AuditFilter("audit.by-action", "action=catalog.entity.create", "action = ?",
                    "catalog.entity.create");
            default -> new AuditFilter("audit.by-resource", "resource=" + Platform.q("component:default/"),
                    "resource LIKE ?", "component:default/%");
        };
    }

    static Runner.Action auditQuery(Platform p, SplittableRandom random) throws Exception {
        AuditFilter f = auditFilter(random);
        String token = p.userToken("erin");
        return new Runner.Action(f.operation(), () -> CatalogScenarios.status(p.send("GET", p.urls().access(),
                "/api/v1/audit?" + f.query() + "&limit=50", token, null, null)));
    }

    static Runner.Action auditQuerySql(Connection c, SplittableRandom random) {
        AuditFilter f = auditFilter(random);
        String order = f.operation().equals("audit.by-resource") ? "seq + 0" : "seq";
        String sql = "SELECT " + AUDIT_COLUMNS + " FROM audit_record WHERE seq IN (SELECT seq FROM audit_record WHERE "
                + f.where() + " ORDER BY " + order + " DESC LIMIT 51) ORDER BY seq DESC";
        return new Runner.Action(f.operation(), () -> CatalogScenarios.drain(c, sql, f.argument()));
    }

    public static final class AuditQueries extends ClosedLoopScenario {
        @Override
        public String name() {
            return "audit-queries";
        }

        @Override
        public void prepare(Context ctx) throws Exception {
            ctx.platform.userToken("erin");
            ctx.notes.add("erin (auditor) pages GET /api/v1/audit?limit=50 filtered by actor, team, action or resource"
                    + " prefix, a quarter each.");
        }

        @Override
        protected Runner.Workload workload(Context ctx) {
            return (client, random) -> auditQuery(ctx.platform, random);
        }

        @Override
        public Baseline baseline(Context ctx) {
            return new Baseline("runway_access", "AuditQueryService's page statement (seqs by index, then the rows)"
                    + " with the same filters over JDBC.", (c, client, random) -> auditQuerySql(c, random));
        }
    }
}
