package dev.runway.cli;

import static dev.runway.cli.TestDouble.Response.json;
import static dev.runway.cli.TestDouble.Response.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.cli.output.Json;

class IncidentAndDoraCommandTest {
    static final String ENTITY = "component:default/payments-api";
    static final String DORA = """
            {"scope":{"type":"entity","ref":"component:default/payments-api","entities":1},"window":"30d",
             "environment":"production","from":"2026-10-21T12:00:00Z","to":"2026-11-20T12:00:00Z",
             "deploymentFrequency":{"value":0.4333,"deployments":13,"tier":"high"},
             "leadTime":{"medianSeconds":7500.0,"p90Seconds":97200,"samples":12,"tier":"elite"},
             "changeFailureRate":{"value":0.0769,"failures":1,"deployments":13,"tier":"elite"},
             "timeToRestore":{"medianSeconds":2700.0,"samples":3,"openIncidents":1,"tier":"elite"},
             "reworkRate":{"value":0.0,"reworkDeployments":0,"deployments":13,"tier":"elite"},
             "series":[{"weekStart":"2026-11-09","deployments":4,"failures":1,"medianLeadTimeSeconds":3600.0},
                       {"weekStart":"2026-11-16","deployments":3,"failures":0,"medianLeadTimeSeconds":null}]}""";

    @TempDir
    Path tmp;

    TestDouble server;
    TestCli cli;

    @BeforeEach
    void start() throws Exception {
        server = new TestDouble();
        cli = new TestCli(tmp).pointedAt(server);
        cli.env.put("RUNWAY_TOKEN", "ci-token");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void incidentOpenSendsTheIncident() {
        server.on("POST", "/api/v1/incidents", json(201, "{\"externalId\":\"PD-42\",\"open\":true}"));

        assertEquals(0, cli.run("incident", "open", "--entity", ENTITY, "--severity", "SEV2", "--external-id", "PD-42",
                "--opened-at", "2026-11-20T11:45:00Z", "--caused-by", "pipeline-981"), cli.err);

        JsonNode body = Json.parseOrNull(server.only("POST", "/api/v1/incidents").body());
        assertEquals(ENTITY, body.get("entityRef").asText());
        assertEquals("sev2", body.get("severity").asText());
        assertEquals("2026-11-20T11:45:00Z", body.get("openedAt").asText());
        assertEquals("pipeline-981", body.get("causedByDeployment").asText());
        assertEquals("PD-42", body.get("externalId").asText());
        assertFalse(body.has("resolvedAt"));
        assertTrue(cli.out.startsWith("Opened incident PD-42"), cli.out);
        assertTrue(cli.out.lines().anyMatch(l -> l.matches("open\\s+true")), cli.out);
    }

    @Test
    void withoutAnIdTheIncidentGetsAUrlSafeOneFromEntityAndTime() {
        server.on("POST", "/api/v1/incidents", json(201, "{}"));

        assertEquals(0, cli.run("incident", "open", "--entity", ENTITY, "--severity", "sev1"), cli.err);

        JsonNode body = Json.parseOrNull(server.only("POST", "/api/v1/incidents").body());
        // 2026-11-20T12:00:00Z, the test clock, in epoch seconds
        assertEquals("payments-api-1795176000", body.get("externalId").asText());
        assertEquals("2026-11-20T12:00:00Z", body.get("openedAt").asText());
    }

    @Test
    void incidentResolvePatchesTheIncidentByItsEncodedId() {
        server.on("PATCH", "/api/v1/incidents/PD%2F42%20b", json(200, "{\"open\":false,\"timeToRestoreSeconds\":900}"));

        assertEquals(0, cli.run("incident", "resolve", "PD/42 b", "--resolved-at", "2026-11-20T12:00:00Z"), cli.err);

        TestDouble.Request request = server.only("PATCH", "/api/v1/incidents/PD%2F42%20b");
        assertEquals("{\"resolvedAt\":\"2026-11-20T12:00:00Z\"}", request.body());
        assertTrue(cli.out.lines().anyMatch(l -> l.matches("timeToRestoreSeconds\\s+15m 00s")), cli.out);
    }

    @Test
    void resolvingAnUnknownIncidentIsARejection() {
        server.on("PATCH", "/api/v1/incidents/nope", problem(404, "{\"title\":\"Not found\",\"status\":404,"
                + "\"detail\":\"No incident nope.\"}"));

        assertEquals(ExitCodes.REJECTED, cli.run("incident", "resolve", "nope"));
        assertTrue(cli.err.contains("No incident nope."), cli.err);
    }

    @Test
    void doraAsksForTheScopeWindowAndEnvironmentAndTabulatesTheMetrics() {
        server.on("GET", "/api/v1/dora", json(200, DORA));

        assertEquals(0, cli.run("dora", ENTITY), cli.err);

        assertEquals("entity=component%3Adefault%2Fpayments-api&window=30d&environment=production",
                server.only("GET", "/api/v1/dora").query());
        assertEquals(List.of(
                "scope        entity component:default/payments-api (1 entity)",
                "window       30d, 2026-10-21T12:00:00Z .. 2026-11-20T12:00:00Z",
                "environment  production",
                "",
                "METRIC                VALUE                     TIER   BASIS",
                "deployment frequency  0.43 per day              high   13 deployments",
                "lead time             median 2h 05m, p90 1d 3h  elite  12 deployments with commit times",
                "change failure rate   7.7%                      elite  1 of 13 deployments",
                "time to restore       median 45m 00s            elite  3 incidents restored, 1 open",
                "rework rate           0.0%                      elite  0 of 13 deployments",
                "",
                "By week:",
                "weekStart   deployments  failures  medianLeadTimeSeconds",
                "2026-11-09  4            1         1h 00m",
                "2026-11-16  3            0         -"), cli.out.lines().toList());
    }

    @Test
    void anEmptyWindowShowsNoDataRatherThanNumbers() {
        server.on("GET", "/api/v1/dora", json(200, """
                {"scope":{"type":"team","ref":"payments","entities":4},"window":"7d","environment":"staging",
                 "from":"2026-11-13T12:00:00Z","to":"2026-11-20T12:00:00Z",
                 "deploymentFrequency":{"value":null,"deployments":0,"tier":"no_data"},
                 "leadTime":{"medianSeconds":null,"p90Seconds":null,"samples":0,"tier":"no_data"},
                 "changeFailureRate":{"value":null,"failures":0,"deployments":0,"tier":"no_data"},
                 "timeToRestore":{"medianSeconds":null,"samples":0,"openIncidents":0,"tier":"no_data"},
                 "reworkRate":{"value":null,"reworkDeployments":0,"deployments":0,"tier":"no_data"},"series":[]}"""));

        assertEquals(0, cli.run("dora", "--team", "payments", "--window", "7d", "--env", "staging"), cli.err);

        assertEquals("team=payments&window=7d&environment=staging", server.only("GET", "/api/v1/dora").query());
        assertTrue(cli.out.lines().anyMatch(l -> l.matches("deployment frequency\\s+-\\s+no data\\s+0 deployments")),
                cli.out);
        assertTrue(cli.out.lines()
                .anyMatch(l -> l.matches("change failure rate\\s+-\\s+no data\\s+0 of 0 deployments")),
                cli.out);
        assertFalse(cli.out.contains("By week"), cli.out);
    }

    @Test
    void doraJsonIsTheServicesAnswer() {
        server.on("GET", "/api/v1/dora", json(200, DORA));

        assertEquals(0, cli.run("dora", "--system", "system:default/payments", "--json"), cli.err);

        assertEquals("system=system%3Adefault%2Fpayments&window=30d&environment=production",
                server.only("GET", "/api/v1/dora").query());
        assertEquals(Json.parseOrNull(DORA), Json.parseOrNull(cli.out));
    }

    @Test
    void doraNeedsExactlyOneScope() {
        assertEquals(ExitCodes.USAGE, cli.run("dora"));
        assertTrue(cli.err.contains("exactly one of ENTITY, --team or --system"), cli.err);
        assertEquals(ExitCodes.USAGE, cli.run("dora", ENTITY, "--team", "payments"));
        assertEquals(List.of(), server.requests());
    }
}
