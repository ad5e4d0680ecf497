package dev.runway.cli.command;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.cli.CliContext;
import dev.runway.cli.HelpOption;
import dev.runway.cli.ConnectionOptions;
import dev.runway.cli.OutputOptions;
import dev.runway.cli.git.GitCommits;
import dev.runway.cli.http.ApiResponse;
import dev.runway.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", description = "Record deployments, the input of the DORA metrics.",
        subcommands = { DeployCommand.Record.class })
public final class DeployCommand extends Group {

    public enum Status {
        success, failure, rolled_back
    }

    @Command(name = "record", description = {
        "Record one deployment of an entity to an environment.",
        "Commit times come from the local git repository: the commits in",
        "SINCE..COMMIT with --since-ref (the previously deployed commit), else",
        "COMMIT's own. Recording the same external id again changes nothing.",
        "Default external id: <entity ref>:<environment>:<version>:<commit sha> (the ref's / as :)." })
    public static final class Record implements Callable<Integer> {
        /** What GitHub (github.event.before) and GitLab (CI_COMMIT_BEFORE_SHA) report for a new branch. */
        private static final Pattern NO_PREVIOUS = Pattern.compile("0{7,64}");

        private final CliContext ctx;

        @Mixin
        HelpOption help;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        @Option(names = "--entity", required = true, paramLabel = "REF",
                description = "catalog entity ref, e.g. component:default/payments-api")
        String entity;

        @Option(names = { "--environment", "--env" }, required = true, paramLabel = "ENV",
                description = "environment deployed to, e.g. production")
        String environment;

        @Option(names = "--version", required = true, paramLabel = "VERSION",
                description = "the version deployed (tag, build number, image digest)")
        String version;

        @Option(names = "--status", paramLabel = "STATUS", defaultValue = "success",
                description = "success (default), failure or rolled_back")
        Status status;

        @Option(names = "--rework", description = "this deployment fixes or redoes a previous one (unplanned work)")
        boolean rework;

        @Option(names = "--commit", paramLabel = "REV", description = "the deployed commit (default: HEAD)")
        String commit;

        @Option(names = "--since-ref", paramLabel = "REV", description = {
            "the previously deployed commit: all commits after it count for lead time;",
            "all zeros (a CI system's 'no previous commit') counts as not given" })
        String sinceRef;

        @Option(names = "--repo", paramLabel = "DIR", description = "the git repository (default: current directory)")
        Path repo;

        @Option(names = "--no-git", description = {
            "do not read git: send only --commit as given and --first-commit-at, if any" })
        boolean noGit;

        @Option(names = "--first-commit-at", paramLabel = "INSTANT",
                description = "earliest commit time, when commit times do not come from git (implies --no-git)")
        Instant firstCommitAt;

        @Option(names = "--started-at", paramLabel = "INSTANT",
                description = "ISO-8601 (default: --finished-at, else now)")
        Instant startedAt;

        @Option(names = "--finished-at", paramLabel = "INSTANT", description = "ISO-8601 (default: now)")
        Instant finishedAt;

        @Option(names = "--external-id", paramLabel = "ID",
                description = "idempotency key, e.g. your pipeline's deployment id")
        String externalId;

        public Record(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Instant now = ctx.clock().instant();
            String sha = commit;
            List<GitCommits.Commit> commits = List.of();
            if (!noGit && firstCommitAt == null) {
                GitCommits git = new GitCommits(repo == null ? ctx.workDir() : ctx.workDir().resolve(repo));
                sha = git.resolve(commit == null ? "HEAD" : commit);
                if (sinceRef != null && !NO_PREVIOUS.matcher(sinceRef).matches()) {
                    commits = git.range(git.resolve(sinceRef), sha);
                    if (commits.isEmpty()) {
                        // a redeploy of what was already deployed: no new change, so no lead-time sample
                        ctx.err().println("runway: no commits in " + sinceRef + ".." + shortSha(sha)
                                + "; recording the deployment without commit times");
                    }
                } else {
                    commits = List.of(git.commit(sha));
                }
            }
            ObjectNode body = Json.object();
            body.put("entityRef", entity);
            body.put("environment", environment);
            body.put("version", version);
            if (sha != null) {
                body.put("commitSha", sha);
            }
            if (!commits.isEmpty()) {
                ArrayNode times = body.putArray("commitTimes");
                commits.forEach(c -> times.add(c.committedAt().toString()));
            }
            if (firstCommitAt != null) {
                body.put("firstCommitAt", firstCommitAt.toString());
            }
            Instant finished = finishedAt != null ? finishedAt : now;
            // only a finish time given: a deployment of no known duration, never one that starts after it ends
            body.put("startedAt", (startedAt != null ? startedAt : finished).toString());
            body.put("finishedAt", finished.toString());
            body.put("status", status.name());
            body.put("rework", rework);
            String id = externalId != null ? externalId : defaultExternalId(entity, environment, version, sha);
            body.put("externalId", id);
            ApiResponse response = Requests.sendJson(ctx, connection, output, "POST", "/api/v1/deployments", body);
            Requests.print(ctx, output, response, response.status() == 201
                    ? "Recorded deployment " + id + " (" + commits.size()
                            + (commits.size() == 1 ? " commit)" : " commits)")
                    : "Deployment " + id + " was already recorded; nothing changed");
            return 0;
        }

        /**
         * {@code <entity ref>:<environment>:<version>[:<sha>]} with the ref's {@code /} as {@code :}: catalog-service
         * takes external ids as path segments, so it accepts only letters, digits and {@code . _ : @ + -}.
         */
        static String defaultExternalId(String entity, String environment, String version, String sha) {
            String id = entity + ":" + environment + ":" + version + (sha != null ? ":" + sha : "");
            return id.replace('/', ':').replaceAll("[^A-Za-z0-9._:@+-]", "-");
        }

        private static String shortSha(String sha) {
            return sha.length() > 12 ? sha.substring(0, 12) : sha;
        }
    }
}
