package dev.runway.cli.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads commits of a local repository through the {@code git} binary, so that whatever git understands
 * (abbreviated SHAs, tags, {@code origin/main~3}, shallow clones, worktrees) works here too. Times are committer
 * times: the moment a change entered the branch, which is where DORA lead time starts.
 */
public final class GitCommits {
    /** {@code %cI} is strict ISO 8601 with the committer's offset. */
    private static final String FORMAT = "--format=%H %cI";

    private final Path repo;

    public GitCommits(Path repo) {
        this.repo = repo;
    }

    public record Commit(String sha, Instant committedAt) {
    }

    /** The full SHA of a revision that names a commit. */
    public String resolve(String revision) {
        List<String> lines = git("rev-parse", "--verify", checked(revision) + "^{commit}");
        if (lines.isEmpty()) {
            throw new GitException("git rev-parse printed nothing for " + revision);
        }
        return lines.get(0).strip();
    }

    /** The commit itself. */
    public Commit commit(String revision) {
        List<Commit> commits = parse(git("log", "-1", FORMAT, checked(revision), "--"));
        if (commits.isEmpty()) {
            throw new GitException("no commit " + revision);
        }
        return commits.get(0);
    }

    /** Commits reachable from {@code revision} but not from {@code since}, newest first, merges included. */
    public List<Commit> range(String since, String revision) {
        return parse(git("log", FORMAT, checked(since) + ".." + checked(revision), "--"));
    }

    /** A revision starting with '-' would be read as an option (--end-of-options needs a recent git). */
    private static String checked(String revision) {
        if (revision == null || revision.isBlank() || revision.startsWith("-")) {
            throw new GitException("not a revision: " + revision);
        }
        return revision;
    }

    private static List<Commit> parse(List<String> lines) {
        List<Commit> commits = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split(" ", 2);
            try {
                commits.add(new Commit(parts[0], OffsetDateTime.parse(parts[1]).toInstant()));
            } catch (ArrayIndexOutOfBoundsException | DateTimeParseException e) {
                throw new GitException("unexpected line from git log: " + line);
            }
        }
        return commits;
    }

    private List<String> git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "log.showSignature=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // no prompts, no pager, messages in English so that they read the same in every CI log
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_PAGER", "cat");
        builder.environment().put("LC_ALL", "C");
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new GitException("cannot run git (" + e.getMessage() + "); is it installed and on the PATH?");
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            int exit = process.waitFor();
            if (exit != 0) {
                String message = stderr.join().strip();
                throw new GitException("git " + String.join(" ", args) + " failed in " + repo
                        + (message.isEmpty() ? " (exit " + exit + ")" : ": " + message));
            }
            return stdout.lines().toList();
        } catch (IOException e) {
            throw new GitException("cannot talk to git (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
