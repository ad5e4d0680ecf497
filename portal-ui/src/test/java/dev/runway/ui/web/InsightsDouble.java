package dev.runway.ui.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;


/**
 * A test double of catalog-service for the insights pages, on a free port, answering in the service's shapes:
 * team "payments" has five hand-made weeks of deployments and a scorecard rollup; team "newcomers" has nothing
 * recorded yet; a team name the service refuses gets its problem+json 400 with a violation. Entity
 * component:default/shop has a scorecard, DORA figures, deployments and an open incident; component:default/legacy
 * exists but every insights call about it fails; group:default/payments is a team's page.
 */
public class InsightsDouble extends ServiceDouble {

    /** Five weeks: 4 deployments (1 failure), none, 2, 1 (a failure), none; lead times 2 h, -, 1 h, 4 h, -. */
    static final String SERIES = """
            [{"weekStart":"2026-01-05","deployments":4,"failures":1,"medianLeadTimeSeconds":7200.0,"reworkDeployments":1,
              "incidentsResolved":0,"medianTimeToRestoreSeconds":null},
             {"weekStart":"2026-01-12","deployments":0,"failures":0,"medianLeadTimeSeconds":null,"reworkDeployments":0,
              "incidentsResolved":0,"medianTimeToRestoreSeconds":null},
             {"weekStart":"2026-01-19","deployments":2,"failures":0,"medianLeadTimeSeconds":3600.0,"reworkDeployments":0,
              "incidentsResolved":0,"medianTimeToRestoreSeconds":null},
             {"weekStart":"2026-01-26","deployments":1,"failures":1,"medianLeadTimeSeconds":14400.0,"reworkDeployments":0,
              "incidentsResolved":0,"medianTimeToRestoreSeconds":null},
             {"weekStart":"2026-02-02","deployments":0,"failures":0,"medianLeadTimeSeconds":null,"reworkDeployments":0,
              "incidentsResolved":0,"medianTimeToRestoreSeconds":null}]""";

    static final String DORA = """
            {"scope":{"type":"%s","ref":"%s","entities":2},"window":"%s","environment":"production",
             "from":"2026-01-06T00:00:00Z","to":"2026-02-05T00:00:00Z",
             "deploymentFrequency":{"value":0.23333333,"deployments":7,"tier":"high"},
             "leadTime":{"medianSeconds":7200.0,"p90Seconds":14400,"samples":7,"tier":"elite"},
             "changeFailureRate":{"value":0.2857142857,"failures":2,"deployments":7,"tier":"medium"},
             "timeToRestore":{"medianSeconds":null,"samples":0,"openIncidents":1,"tier":"no_data"},
             "reworkRate":{"value":0.1428571429,"reworkDeployments":1,"deployments":7,"tier":"unrated"},
             "series":%s}""";

    static final String EMPTY_DORA = """
            {"scope":{"type":"team","ref":"group:default/newcomers","entities":0},"window":"30d","environment":"production",
             "from":"2026-01-06T00:00:00Z","to":"2026-02-05T00:00:00Z",
             "deploymentFrequency":{"value":null,"deployments":0,"tier":"no_data"},
             "leadTime":{"medianSeconds":null,"p90Seconds":null,"samples":0,"tier":"no_data"},
             "changeFailureRate":{"value":null,"failures":0,"deployments":0,"tier":"no_data"},
             "timeToRestore":{"medianSeconds":null,"samples":0,"openIncidents":0,"tier":"no_data"},
             "reworkRate":{"value":null,"reworkDeployments":0,"deployments":0,"tier":"no_data"},
             "series":[{"weekStart":"2026-01-05","deployments":0,"failures":0,"medianLeadTimeSeconds":null,
              "reworkDeployments":0,"incidentsResolved":0,"medianTimeToRestoreSeconds":null}]}""";

    static final String ROLLUP = """
            {"team":"group:default/payments","scorecard":{"id":"default","title":"Production readiness"},"entities":2,
             "levels":{"none":0,"bronze":1,"silver":0,"gold":1},
             "failingRules":[{"id":"has-runbook","description":"Has a runbook link","level":"silver","check":"link:runbook",
               "failing":1}],
             "items":[{"entityRef":"component:default/shop","kind":"component","level":"gold","failedRules":0},
                      {"entityRef":"component:default/ledger","kind":"component","level":"bronze","failedRules":1}]}""";

    /** Team "platform" owns this many scored entities: svc-000 to svc-299. */
    static final int PLATFORM_ENTITIES = 300;

    /**
     * Team platform's rollup: entity i is a component, an API or a resource by i % 3, and gold below 30, silver below
     * 100, bronze below 200, none from there; components are then 10 gold, 24 silver, 33 bronze and 33 none.
     */
    static String platformRollup() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < PLATFORM_ENTITIES; i++) {
            String kind = List.of("component", "api", "resource").get(i % 3);
            String level = i < 30 ? "gold" : i < 100 ? "silver" : i < 200 ? "bronze" : "none";
            items.append(i == 0 ? "" : ",").append("{\"entityRef\":\"%s:default/svc-%03d\",\"kind\":\"%s\",\"level\":\"%s\",\"failedRules\":%d}"
                    .formatted(kind, i, kind, level, i % 5));
        }
        return """
                {"team":"group:default/platform","scorecard":{"id":"default","title":"Production readiness"},"entities":%d,
                 "levels":{"none":100,"bronze":100,"silver":70,"gold":30},"failingRules":[],"items":[%s]}"""
                .formatted(PLATFORM_ENTITIES, items);
    }

    static final String EMPTY_ROLLUP = """
            {"team":"group:default/newcomers","scorecard":{"id":"default","title":"Production readiness"},"entities":0,
             "levels":{"none":0,"bronze":0,"silver":0,"gold":0},"failingRules":[],"items":[]}""";

    static final String ENTITY_SCORECARD = """
            {"entityRef":"component:default/shop","scorecard":{"id":"default","title":"Production readiness"},
             "level":"bronze","passed":2,"failed":1,"notApplicable":1,
             "rules":[{"id":"has-owner","description":"Has an owner","level":"bronze","check":"owner","status":"passed",
                       "passed":true,"reason":"owned by group:default/payments"},
                      {"id":"has-description","description":"Has a description","level":"bronze","check":"description",
                       "status":"passed","passed":true,"reason":"description set"},
                      {"id":"has-runbook","description":"Has a runbook link","level":"silver","check":"link:runbook",
                       "status":"failed","passed":false,"reason":"no link titled runbook"},
                      {"id":"api-docs","description":"Provides a documented API","level":"gold","check":"providesApis",
                       "status":"not_applicable","passed":true,"reason":"only for type service with APIs"}]}""";

    static final String DEPLOYMENTS = """
            [{"id":"d1","externalId":"shop-42","entityRef":"component:default/shop","environment":"production",
              "version":"1.4.2","commitSha":"abc","startedAt":"2026-02-01T10:00:00Z","finishedAt":"2026-02-01T10:05:00Z",
              "status":"rolled_back","rework":false,"leadTimeSeconds":7200,"recordedBy":"alice"}]""";

    static final String INCIDENTS = """
            [{"id":"i1","externalId":"INC-7","entityRef":"component:default/shop","severity":"sev2",
              "openedAt":"2026-02-01T11:00:00Z","resolvedAt":null,"open":true,"timeToRestoreSeconds":null,
              "causedByDeployment":"shop-42"}]""";

    private static String entity(String kind, String name, String owner) {
        return """
                {"apiVersion":"backstage.io/v1alpha1","kind":"%s","metadata":{"name":"%s","namespace":"default",
                 "title":"%s"},"spec":{"type":"service","lifecycle":"production","owner":"%s"},"relations":[]}"""
                .formatted(kind, name, name, owner);
    }

    private static final String PROBLEM_500 = """
            {"title":"Internal error","status":500,"detail":"The scorecard could not be evaluated."}""";

    @Override
    protected String serviceUrlKey() {
        return "runway.portal.services.catalog";
    }

    @Override
    protected void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        String team = q.getOrDefault("team", "");
        String entity = q.getOrDefault("entity", "");
        switch (path) {
            case "/api/v1/dora" -> {
                if (team.equals("payments")) {
                    send(x, 200, DORA.formatted("team", "group:default/payments", q.getOrDefault("window", "30d"), SERIES));
                } else if (team.equals("newcomers") || team.equals("platform")) {
                    send(x, 200, EMPTY_DORA);
                } else if (entity.equals("component:default/shop")) {
                    send(x, 200, DORA.formatted("entity", entity, q.getOrDefault("window", "30d"), SERIES));
                } else if (entity.equals("component:default/legacy")) {
                    problem(x, 404, "Not found", "No entity component:default/legacy.");
                } else {
                    send(x, 400, "application/problem+json", """
                            {"title":"Invalid input","status":400,"detail":"Invalid DORA query.",
                             "violations":[{"field":"team","message":"must name a Group"}]}""");
                }
            }
            case "/api/v1/scorecards" -> {
                if (team.equals("payments")) {
                    send(x, 200, ROLLUP);
                } else if (team.equals("newcomers")) {
                    send(x, 200, EMPTY_ROLLUP);
                } else if (team.equals("platform")) {
                    send(x, 200, platformRollup());
                } else {
                    problem(x, 400, "Invalid input", "Invalid team.");
                }
            }
            case "/api/v1/scorecards/component/default/shop" -> send(x, 200, ENTITY_SCORECARD);
            case "/api/v1/scorecards/component/default/legacy" -> send(x, 500, "application/problem+json", PROBLEM_500);
            case "/api/v1/deployments" -> {
                if (entity.equals("component:default/shop")) {
                    send(x, 200, DEPLOYMENTS);
                } else {
                    problem(x, 503, "Service unavailable", "Deployments cannot be read right now.");
                }
            }
            case "/api/v1/incidents" -> {
                if (entity.equals("component:default/shop") && "true".equals(q.get("open"))) {
                    send(x, 200, INCIDENTS);
                } else {
                    send(x, 200, "[]");
                }
            }
            case "/api/v1/entities/component/default/shop" -> send(x, 200, entity("Component", "shop", "payments"));
            case "/api/v1/entities/component/default/legacy" -> send(x, 200, entity("Component", "legacy", "payments"));
            case "/api/v1/entities/group/default/payments" -> send(x, 200, """
                    {"apiVersion":"backstage.io/v1alpha1","kind":"Group","metadata":{"name":"payments","namespace":"default"},
                     "spec":{"type":"team","children":[]},"relations":[]}""");
            default -> {
                if (path.endsWith("/graph")) {
                    String root = path.replace("/api/v1/entities/", "").replace("/graph", "");
                    String ref = root.replaceFirst("/", ":");
                    send(x, 200, """
                            {"root":"%s","depth":2,"nodes":[{"ref":"%s","resolved":true}],"edges":[],"truncated":false}"""
                            .formatted(ref, ref));
                } else if (path.endsWith("/history")) {
                    // catalog-service writes occurredAt with an offset; here one other than UTC.
                    send(x, 200, """
                            [{"version":1,"action":"created","actor":"alice","occurredAt":"2026-02-01T12:30:00+01:00",
                              "patch":null}]""");
                } else {
                    problem(x, 404, "Not found", "No such thing.");
                }
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void problem(HttpExchange x, int status, String title, String detail) throws IOException {
        send(x, status, "application/problem+json",
                "{\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
