package dev.runway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A real repository made with the real git binary, with author and committer dates chosen by the test. */
final class GitRepo {
    final Path dir;

    GitRepo(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Files.createDirectories(dir);
        git(Map.of(), "init", "-q");
        git(Map.of(), "config", "user.name", "Test");
        git(Map.of(), "config", "user.email", "test@example.org");
        git(Map.of(), "config", "commit.gpgsign", "false");
    }

    /** Commits a change with the given dates (git's ISO 8601 format) and answers its full SHA. */
    String commit(String file, String authorDate, String committerDate) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(file), file + " " + committerDate + "\n", StandardCharsets.UTF_8);
        git(Map.of(), "add", file);
        git(Map.of("GIT_AUTHOR_DATE", authorDate, "GIT_COMMITTER_DATE", committerDate), "commit", "-q", "-m",
                "change " + file);
        return git(Map.of(), "rev-parse", "HEAD").strip();
    }

    String git(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = dir.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        // isolate from the machine's git configuration
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }
}
