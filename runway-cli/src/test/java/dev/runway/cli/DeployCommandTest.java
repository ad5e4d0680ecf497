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

/** deploy record against a real git repository and a test double of catalog-service. */
class DeployCommandTest {
    static final String DEPLOYMENTS = "/api/v1/deployments";
    static final String ENTITY = "component:default/payments-api";

    @TempDir
    Path tmp;

    TestDouble server;
    TestCli cli;
    GitRepo repo;
    String first;
    String second;
    String third;

    @BeforeEach
    void start() throws Exception {
        server = new TestDouble();
        cli = new TestCli(tmp).pointedAt(server);
        cli.env.put("RUNWAY_TOKEN", "ci-token");
        repo = new GitRepo(tmp.resolve("repo"));
        first = repo.commit("a.txt", "2026-11-01T07:00:00Z", "2026-11-01T10:00:00+02:00");
        second = repo.commit("b.txt", "2026-11-02T07:00:00Z", "2026-11-02T09:30:00Z");
        third = repo.commit("c.txt", "2026-11-03T07:00:00Z", "2026-11-03T23:15:00-05:00");
        cli.workDir = repo.dir;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void recordsHeadWithTheCommitTimesSinceThePreviousDeployment() {
        server.on("POST", DEPLOYMENTS, json(201, "{\"id\":\"d-1\",\"externalId\":\"x\",\"entityRef\":\"" + ENTITY
                + "\",\"leadTimeSeconds\":200700,\"status\":\"success\"}"));

        assertEquals(0, cli.run("deploy", "record", "--entity", ENTITY, "--env", "production", "--version", "1.4.2",
                "--since-ref", first), cli.err);

        TestDouble.Request request = server.only("POST", DEPLOYMENTS);
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("Bearer ci-token", request.header("Authorization"));
        JsonNode body = Json.parseOrNull(request.body());
        assertEquals(ENTITY, body.get("entityRef").asText());
        assertEquals("production", body.get("environment").asText());
        assertEquals("1.4.2", body.get("version").asText());
        assertEquals(third, body.get("commitSha").asText());
        // committer times in UTC: 23:15 at -05:00 is 04:15Z the next day; 09:30Z as it is
        assertEquals(List.of("2026-11-04T04:15:00Z", "2026-11-02T09:30:00Z"), texts(body.get("commitTimes")));
        assertEquals("2026-11-20T12:00:00Z", body.get("startedAt").asText());
        assertEquals("2026-11-20T12:00:00Z", body.get("finishedAt").asText());
        assertEquals("success", body.get("status").asText());
        assertFalse(body.get("rework").asBoolean());
        assertEquals(ENTITY.replace('/', ':') + ":production:1.4.2:" + third, body.get("externalId").asText());
        assertFalse(body.has("firstCommitAt"));
        assertTrue(cli.out.startsWith("Recorded deployment " + ENTITY.replace('/', ':') + ":production:1.4.2:" + third + " (2 commits)"),
                cli.out);
        assertTrue(cli.out.lines().anyMatch(l -> l.matches("leadTimeSeconds\\s+2d 7h")), cli.out);
    }

    @Test
    void withoutSinceRefOnlyTheDeployedCommitsOwnTimeIsSent() {
        server.on("POST", DEPLOYMENTS, json(201, "{}"));

        assertEquals(0, cli.run("deploy", "record", "--entity", ENTITY, "--env", "staging", "--version", "7",
                "--commit", second.substring(0, 10), "--repo", repo.dir.toString()), cli.err);

        JsonNode body = Json.parseOrNull(server.only("POST", DEPLOYMENTS).body());
        assertEquals(second, body.get("commitSha").asText());
        assertEquals(List.of("2026-11-02T09:30:00Z"), texts(body.get("commitTimes")));
    }

    @Test
    void anAllZeroSinceRefFromANewBranchCountsAsNoPreviousDeployment() {
        server.on("POST", DEPLOYMENTS, json(201, "{}"));

        assertEquals(0, cli.run("deploy", "record", "--entity", ENTITY, "--env", "production", "--version", "1",
                "--since-ref", "0000000000000000000000000000000000000000"), cli.err);

        JsonNode body = Json.parseOrNull(server.only("POST", DEPLOYMENTS).body());
        assertEquals(List.of("2026-11-04T04:15:00Z"), texts(body.get("commitTimes")));
    }

    @Test
    void aRedeployOfTheSameCommitCarriesNoCommitTimes() {
        server.on("POST", DEPLOYMENTS, json(201, "{}"));

        assertEquals(0, cli.run("deploy", "record", "--entity", ENTITY, "--env", "production", "--version", "1.4.2",
                "--since-ref", "HEAD"), cli.err);

        JsonNode body = Json.parseOrNull(server.only("POST", DEPLOYMENTS).body());
        assertEquals(third, body.get("commitSha").asText());
        assertFalse(body.has("commitTimes"));
        assertTrue(cli.err.contains("without commit times"), cli.err);
    }

    @Test
    void explicitTimesStatusReworkAndIdAreSentAsGivenInUtc() {
        server.on("POST", DEPLOYMENTS, json(201, "{}"));

        assertEquals(0, cli.run("deploy", "record", "--entity", ENTITY, "--env", "production", "--version", "2",
                "--status", "ROLLED_BACK", "--rework", "--started-at", "2026-11-20T15:03:00+01:00",
                "--finished-at", "2026-11-20T14:10:30Z", "--external-id", "pipeline-981"), cli.err);

        JsonNode body = Json.parseOrNull(server.only("POST", DEPLOYMENTS).body());
        assertEquals("rolled_back", body.get("status").asText());
        assertTrue(body.get("rework").asBoolean());
        assertEquals("2026-11-20T14:03:00Z", body.get("startedAt").asText());
        assertEquals("2026-11-20T14:10:30Z", body.get("finishedAt").asText());
        assertEquals("pipeline-981", body.get("externalId").asText());
    }

    @Test
    void aFinishTimeAloneIsAlsoTheStartTime() {
        server.on("POST", DEPLOYMENTS, json(201, "{}"));

        assertEquals(0, cli.run("deploy", "record", "--entity", ENTITY, "--env", "production", "--version", "2",
                "--finished-at", "2026-11-20T10:00:00Z"), cli.err);

        JsonNode body = Json.parseOrNull(server.only("POST", DEPLOYMENTS).body());
        assertEquals("2026-11-20T10:00:00Z", body.get("startedAt").asText());
        assertEquals("2026-11-20T10:00:00Z", body.get("finishedAt").asText());
    }

    @Test
    void firstCommitAtSkipsGitAndSendsTheCommitAsGiven() {
        cli.workDir = tmp.resolve("not-a-repo");
        server.on("POST", DEPLOYMENTS, json(201, "{}"));

        assertEquals(0, cli.run("deploy", "record", "--entity", ENTITY, "--env", "production", "--version", "3",
                "--commit", "abc1234", "--first-commit-at", "2026-11-19T08:00:00Z"), cli.err);

        JsonNode body = Json.parseOrNull(server.only("POST", DEPLOYMENTS).body());
        assertEquals("abc1234", body.get("commitSha").asText());
        assertEquals("2026-11-19T08:00:00Z", body.get("firstCommitAt").asText());
        assertFalse(body.has("commitTimes"));
        assertEquals(ENTITY.replace('/', ':') + ":production:3:abc1234", body.get("externalId").asText());
    }

    @Test
    void aReplayOfTheSameExternalIdSaysNothingChanged() {
        server.on("POST", DEPLOYMENTS, json(200, "{\"id\":\"d-1\"}"));

        assertEquals(0, cli.run("deploy", "record", "--entity", ENTITY, "--env", "production", "--version", "1"),
                cli.err);

        assertTrue(cli.out.startsWith("Deployment " + ENTITY.replace('/', ':') + ":production:1:" + third
                + " was already recorded; nothing changed"), cli.out);
    }

    @Test
    void anUnknownEntityIsTheServicesClearRejection() {
        server.on("POST", DEPLOYMENTS, problem(422, "{\"type\":\"https://runway.dev/problems/unprocessable\","
                + "\"title\":\"Unprocessable request\",\"status\":422,\"detail\":\"No entity "
                + "component:default/nope in the catalog.\",\"violations\":[{\"field\":\"entityRef\","
                + "\"message\":\"unknown entity\"}]}"));

        assertEquals(ExitCodes.REJECTED, cli.run("deploy", "record", "--entity", "component:default/nope", "--env",
                "production", "--version", "1"));

        assertEquals(List.of("runway: Unprocessable request (HTTP 422)",
                "  No entity component:default/nope in the catalog.",
                "  entityRef  unknown entity"), cli.err.lines().toList());
    }

    @Test
    void aConflictIsARejection() {
        server.on("POST", DEPLOYMENTS, problem(409, "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"externalId"
                + " x was recorded with different values\"}"));

        assertEquals(ExitCodes.REJECTED, cli.run("deploy", "record", "--entity", ENTITY, "--env", "production",
                "--version", "1", "--external-id", "x"));
        assertTrue(cli.err.contains("Conflict (HTTP 409)"), cli.err);
    }

    @Test
    void anUnknownSinceRefIsAUsageErrorAndNothingIsSent() {
        assertEquals(ExitCodes.USAGE, cli.run("deploy", "record", "--entity", ENTITY, "--env", "production",
                "--version", "1", "--since-ref", "v0.0.0-missing"));

        assertTrue(cli.err.contains("v0.0.0-missing"), cli.err);
        assertEquals(List.of(), server.requests());
    }

    @Test
    void outsideARepositoryGitIsRequiredUnlessTold() {
        cli.workDir = tmp;

        assertEquals(ExitCodes.USAGE, cli.run("deploy", "record", "--entity", ENTITY, "--env", "production",
                "--version", "1"));
        assertTrue(cli.err.contains("not a git repository"), cli.err);

        server.on("POST", DEPLOYMENTS, json(201, "{}"));
        assertEquals(0, cli.run("deploy", "record", "--entity", ENTITY, "--env", "production", "--version", "1",
                "--no-git"), cli.err);
        JsonNode body = Json.parseOrNull(server.only("POST", DEPLOYMENTS).body());
        assertFalse(body.has("commitSha"));
        assertEquals(ENTITY.replace('/', ':') + ":production:1", body.get("externalId").asText());
    }

    private static List<String> texts(JsonNode array) {
        return array == null ? List.of() : java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText).toList();
    }
}
