package dev.runway.ui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command-line client as a CI job uses it, against the running platform: log in through Keycloak's password
 * grant, lint and register a catalog-info.yaml, record a deployment whose commit times come from a real git
 * repository, open and resolve an incident caused by it, and read the entity's DORA metrics back.
 */
class CliJourneyIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;
    @TempDir
    static Path repo;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void platform() throws Exception {
        RunningPlatform.ensureUp();
    }

    private static Run cli(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path jar = RunningPlatform.root().resolve("runway-cli/target/runway-cli.jar");
        assertTrue(Files.isRegularFile(jar), "the reactor builds runway-cli before portal-ui: " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("XDG_CONFIG_HOME", home.toString());
        pb.environment().remove("RUNWAY_TOKEN");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("runway " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Run cli(String... args) throws IOException, InterruptedException {
        return cli(repo, Map.of(), args);
    }

    private static void git(String date, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_AUTHOR_NAME", "Alice");
        pb.environment().put("GIT_AUTHOR_EMAIL", "alice@example.org");
        pb.environment().put("GIT_COMMITTER_NAME", "Alice");
        pb.environment().put("GIT_COMMITTER_EMAIL", "alice@example.org");
        if (date != null) {
            pb.environment().put("GIT_AUTHOR_DATE", date);
            pb.environment().put("GIT_COMMITTER_DATE", date);
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + output);
    }

    /** Git's own date format, which every git version reads. */
    private static String gitDate(Instant at) {
        return at.getEpochSecond() + " +0000";
    }

    @Test
    void ciJobRegistersRecordsAndReadsDora() throws Exception {
        String name = "cli-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String ref = "component:default/" + name;
        // Inside the last 7 days, so that every DORA window sees it.
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS)
                .minus(Duration.ofHours(6));

        Run login = cli(repo, Map.of("RUNWAY_PASSWORD", "runway-demo"), "login", "--password", "-u", "alice");
        assertEquals(0, login.exit(), login.err());
        Run whoami = cli("whoami");
        assertEquals(0, whoami.exit(), whoami.err());
        assertTrue(whoami.out().contains("alice") && whoami.out().contains("payments"), whoami.out());

        // A repository with two commits: the deployment's lead time starts at the first one after the last deploy.
        git(null, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: registered by the CLI end-to-end test
                spec:
                  type: service
                  lifecycle: production
                  owner: group:payments
                """.formatted(name));
        git(null, "add", "catalog-info.yaml");
        git(gitDate(t0), "commit", "-q", "-m", "first");
        git(null, "tag", "v0");
        Files.writeString(repo.resolve("README"), "change\n");
        git(null, "add", "README");
        git(gitDate(t0.plusSeconds(3600)), "commit", "-q", "-m", "second");

        Files.writeString(repo.resolve("broken.yaml"), "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
                + "metadata:\n  name: -bad-\nspec:\n  type: service\n");
        Run lint = cli("catalog", "validate", "broken.yaml");
        assertEquals(1, lint.exit(), "an invalid descriptor fails the job: " + lint.out() + lint.err());
        assertTrue((lint.out() + lint.err()).contains("metadata.name"), lint.out() + lint.err());
        assertEquals(0, cli("catalog", "validate", "catalog-info.yaml").exit());
        Run register = cli("catalog", "register", "catalog-info.yaml");
        assertEquals(0, register.exit(), register.out() + register.err());

        String[] deploy = { "deploy", "record", "--entity", ref, "--env", "production", "--version", "1.0.0",
                "--since-ref", "v0", "--started-at", t0.plusSeconds(7200).toString(), "--finished-at",
                t0.plusSeconds(3 * 3600).toString(),
                "--json" };
        Run recorded = cli(deploy);
        assertEquals(0, recorded.exit(), recorded.out() + recorded.err());
        JsonNode deployment = JSON.readTree(recorded.out());
        // Only the commit after v0 (t0 + 1 h) counts: finished at t0 + 3 h.
        assertEquals(7200, deployment.path("leadTimeSeconds").asLong(), recorded.out());
        Run again = cli(deploy);
        assertEquals(0, again.exit(), "a rerun job records nothing twice: " + again.err());
        assertEquals(deployment.path("id").asText(), JSON.readTree(again.out()).path("id").asText());

        String incident = name + "-outage";
        Run opened = cli("incident", "open", "--entity", ref, "--severity", "sev2", "--external-id", incident,
                "--opened-at", t0.plusSeconds(3 * 3600 + 1800).toString(), "--caused-by", deployment.path("externalId").asText());
        assertEquals(0, opened.exit(), opened.out() + opened.err());
        Run resolved = cli("incident", "resolve", incident, "--resolved-at", t0.plusSeconds(4 * 3600).toString());
        assertEquals(0, resolved.exit(), resolved.out() + resolved.err());

        Run dora = cli("dora", ref, "--window", "90d", "--json");
        assertEquals(0, dora.exit(), dora.err());
        JsonNode metrics = JSON.readTree(dora.out());
        assertEquals(1, metrics.path("deploymentFrequency").path("deployments").asInt(), dora.out());
        assertEquals(1, metrics.path("changeFailureRate").path("failures").asInt(), dora.out());
        assertEquals(1800, metrics.path("timeToRestore").path("medianSeconds").asLong(), dora.out());
        Run table = cli("dora", ref, "--window", "90d");
        assertEquals(0, table.exit());
        assertTrue(table.out().toLowerCase().contains("lead time"), table.out());

        Run unknown = cli("deploy", "record", "--entity", "component:default/" + name + "-missing", "--env",
                "production", "--version", "1", "--no-git");
        assertEquals(1, unknown.exit(), "the service rejects it: " + unknown.out() + unknown.err());
        assertTrue((unknown.out() + unknown.err()).contains("entityRef"), unknown.out() + unknown.err());

        assertEquals(0, cli("logout").exit());
        Run carol = cli(repo, Map.of("RUNWAY_PASSWORD", "runway-demo"), "login", "--password", "-u", "carol");
        assertEquals(0, carol.exit(), carol.err());
        Run foreign = cli("deploy", "record", "--entity", ref, "--env", "production", "--version", "2", "--no-git");
        assertEquals(3, foreign.exit(), "another team's entity is not carol's to record: " + foreign.out() + foreign.err());
    }
}
