package dev.runway.cli;

import static dev.runway.cli.TestDouble.Response.json;
import static dev.runway.cli.TestDouble.Response.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCommandTest {
    static final String VALIDATE = "/api/v1/entities/validate";
    static final String IMPORT = "/api/v1/entities/import";
    static final String YAML = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: payments-api
            spec:
              type: service
              lifecycle: production
              owner: payments
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: payments-worker
            spec:
              type: service
            """;

    @TempDir
    Path tmp;

    TestDouble server;
    TestCli cli;

    @BeforeEach
    void start() throws Exception {
        server = new TestDouble();
        cli = new TestCli(tmp).pointedAt(server);
        cli.env.put("RUNWAY_TOKEN", "ci-token");
        Files.writeString(tmp.resolve("catalog-info.yaml"), YAML);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void validateSendsTheFileAsYamlAndTabulatesTheVerdicts() {
        server.on("POST", VALIDATE, json(200, """
                {"valid":true,"documents":[{"index":0,"entityRef":"component:default/payments-api","valid":true},
                {"index":1,"entityRef":"component:default/payments-worker","valid":true}]}"""));

        assertEquals(0, cli.run("catalog", "validate", "catalog-info.yaml"), cli.err);

        TestDouble.Request request = server.only("POST", VALIDATE);
        assertEquals(YAML, request.body());
        assertEquals("application/yaml", request.header("Content-Type"));
        assertEquals("Bearer ci-token", request.header("Authorization"));
        assertEquals(List.of(
                "DOC  ENTITY                             VERDICT",
                "0    component:default/payments-api     valid",
                "1    component:default/payments-worker  valid",
                "",
                "2 documents, all valid."), cli.out.lines().toList());
    }

    @Test
    void anInvalidDocumentFailsTheCommandAndNamesEachField() {
        server.on("POST", VALIDATE, json(200, """
                {"valid":false,"documents":[{"index":0,"entityRef":"component:default/payments-api","valid":true},
                {"index":1,"entityRef":"component:default/payments-worker","valid":false,"violations":[
                {"field":"$.spec.lifecycle","message":"is required"},
                {"field":"$.spec.owner","message":"is required"}]}]}
                """));

        assertEquals(ExitCodes.REJECTED, cli.run("catalog", "validate", "catalog-info.yaml"));

        assertEquals(List.of(
                "DOC  ENTITY                             VERDICT",
                "0    component:default/payments-api     valid",
                "1    component:default/payments-worker  INVALID",
                "",
                "document 1 (component:default/payments-worker):",
                "  $.spec.lifecycle  is required",
                "  $.spec.owner      is required",
                "",
                "1 of 2 documents invalid."), cli.out.lines().toList());
    }

    @Test
    void validateJsonPrintsTheVerdictAsTheServiceSentIt() {
        server.on("POST", VALIDATE, json(200, "{\"valid\":false,\"documents\":[{\"index\":0,\"valid\":false,"
                + "\"violations\":[{\"field\":\"$.kind\",\"message\":\"unknown kind\"}]}]}"));

        assertEquals(ExitCodes.REJECTED, cli.run("catalog", "validate", "catalog-info.yaml", "--json"));

        assertTrue(cli.out.startsWith("{"), cli.out);
        assertTrue(cli.out.contains("\"message\" : \"unknown kind\""), cli.out);
    }

    @Test
    void aJsonFileIsSentAsJsonAndStdinAsYaml() throws Exception {
        Files.writeString(tmp.resolve("entity.json"), "{\"kind\":\"Component\"}");
        server.always("POST", VALIDATE, r -> json(200, "{\"valid\":true,\"documents\":[]}"));
        cli.stdin = "kind: Component\n";

        assertEquals(0, cli.run("catalog", "validate", "entity.json"), cli.err);
        assertEquals(0, cli.run("catalog", "validate", "-"), cli.err);

        List<TestDouble.Request> sent = server.requests("POST", VALIDATE);
        assertEquals("application/json", sent.get(0).header("Content-Type"));
        assertEquals("{\"kind\":\"Component\"}", sent.get(0).body());
        assertEquals("application/yaml", sent.get(1).header("Content-Type"));
        assertEquals("kind: Component\n", sent.get(1).body());
    }

    @Test
    void registerImportsAndTabulatesTheOutcome() {
        server.on("POST", IMPORT, json(200, """
                {"dryRun":false,"applied":true,"created":1,"updated":1,"unchanged":0,"rejected":0,"items":[
                {"index":0,"entityRef":"component:default/payments-api","outcome":"updated"},
                {"index":1,"entityRef":"component:default/payments-worker","outcome":"created"}]}"""));

        assertEquals(0, cli.run("catalog", "register", "catalog-info.yaml"), cli.err);

        TestDouble.Request request = server.only("POST", IMPORT);
        assertEquals("dryRun=false", request.query());
        assertEquals(YAML, request.body());
        assertEquals(List.of(
                "DOC  ENTITY                             OUTCOME  REASON",
                "0    component:default/payments-api     updated  -",
                "1    component:default/payments-worker  created  -",
                "",
                "created 1, updated 1, unchanged 0"), cli.out.lines().toList());
    }

    @Test
    void registerDryRunAsksTheServiceForADryRun() {
        server.on("POST", IMPORT, json(200, "{\"dryRun\":true,\"applied\":false,\"created\":1,\"updated\":0,"
                + "\"unchanged\":0,\"rejected\":0,\"items\":[{\"index\":0,\"entityRef\":\"component:default/x\","
                + "\"outcome\":\"created\"}]}"));

        assertEquals(0, cli.run("catalog", "register", "--dry-run", "catalog-info.yaml"), cli.err);

        assertEquals("dryRun=true", server.only("POST", IMPORT).query());
        assertTrue(cli.out.contains("(dry run: nothing stored)"), cli.out);
    }

    @Test
    void aRejectedImportRendersTheProblemWithItsFieldErrors() {
        server.on("POST", IMPORT, problem(422, """
                {"type":"https://runway.dev/problems/unprocessable","title":"Unprocessable request","status":422,
                "detail":"1 of 2 documents were rejected; nothing was imported.","instance":"/api/v1/entities/import",
                "violations":[{"field":"$[1].spec.owner","message":"is required"},
                {"field":"$[1].spec.lifecycle","message":"is required"}]}"""));

        assertEquals(ExitCodes.REJECTED, cli.run("catalog", "register", "catalog-info.yaml"));

        assertEquals("", cli.out);
        assertEquals(List.of(
                "runway: Unprocessable request (HTTP 422)",
                "  1 of 2 documents were rejected; nothing was imported.",
                "  $[1].spec.owner      is required",
                "  $[1].spec.lifecycle  is required"), cli.err.lines().toList());
    }

    @Test
    void withJsonTheProblemBodyAlsoGoesToStdout() {
        String body = "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"payments is not one of your teams\"}";
        server.on("POST", IMPORT, problem(403, body));

        assertEquals(ExitCodes.AUTH, cli.run("catalog", "register", "catalog-info.yaml", "--json"));

        assertEquals(body, cli.out.strip());
        assertTrue(cli.err.contains("Forbidden (HTTP 403)"), cli.err);
    }

    @Test
    void anAnswerThatIsNotAProblemIsShownAsAnExcerpt() {
        server.on("POST", VALIDATE, new TestDouble.Response(502, "text/html", "<html><body>Bad gateway</body></html>"));

        assertEquals(ExitCodes.REJECTED, cli.run("catalog", "validate", "catalog-info.yaml"));

        assertTrue(cli.err.contains("HTTP 502"), cli.err);
        assertTrue(cli.err.contains("Bad gateway"), cli.err);
    }

    @Test
    void anUnreachableCatalogIsExitCodeFour() {
        assertEquals(ExitCodes.UNREACHABLE, cli.run("catalog", "validate", "catalog-info.yaml",
                "--catalog-url", "http://127.0.0.1:1"));
        assertTrue(cli.err.contains("cannot reach http://127.0.0.1:1"), cli.err);
    }

    @Test
    void theUrlFlagWinsOverTheEnvironment() throws Exception {
        try (TestDouble other = new TestDouble()) {
            other.on("POST", VALIDATE, json(200, "{\"valid\":true,\"documents\":[]}"));

            assertEquals(0, cli.run("catalog", "validate", "catalog-info.yaml", "--catalog-url", other.url() + "/"),
                    cli.err);

            assertEquals(1, other.requests().size());
            assertEquals(List.of(), server.requests());
        }
    }

    @Test
    void aMissingFileIsAUsageErrorAndNothingIsSent() {
        assertEquals(ExitCodes.USAGE, cli.run("catalog", "validate", "nope.yaml"));
        assertTrue(cli.err.contains("no such file: nope.yaml"), cli.err);
        assertEquals(List.of(), server.requests());
    }
}
