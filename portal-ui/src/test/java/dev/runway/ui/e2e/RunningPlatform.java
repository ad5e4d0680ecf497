package dev.runway.ui.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform as a user runs it, started with {@code bin/runway up} (real Keycloak, real PostgreSQL, the
 * tenant database servers, the Kubernetes sandbox and the four packaged services) from this working tree, and
 * stopped again at the end of the run. A platform already running from this checkout is stopped first: it may run
 * older binaries than the ones under test.
 */
final class RunningPlatform {
    static final String PORTAL = "http://localhost:8080";
    static final String KEYCLOAK = "http://localhost:8180";

    private static boolean started;

    private RunningPlatform() {
    }

    static Path root() {
        String root = System.getProperty("runway.root");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }

    static synchronized void ensureUp() throws IOException, InterruptedException {
        if (started) {
            return;
        }
        Path log = Path.of("target", "e2e", "runway-up.log");
        Files.createDirectories(log.getParent());
        runway(log, 2, "down");
        if (!runway(log, 15, "up")) {
            throw new IllegalStateException("bin/runway up failed; see " + log.toAbsolutePath() + ":\n"
                    + Files.readString(log));
        }
        started = true;
        Runtime.getRuntime().addShutdownHook(new Thread(RunningPlatform::downQuietly));
    }

    private static boolean runway(Path log, int minutes, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(root().resolve("bin/runway").toString(), command)
                .directory(root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return process.waitFor(minutes, TimeUnit.MINUTES) && process.exitValue() == 0;
    }

    private static void downQuietly() {
        try {
            runway(Path.of("target", "e2e", "runway-down.log"), 2, "down");
        } catch (IOException e) {
            System.err.println("bin/runway down failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
