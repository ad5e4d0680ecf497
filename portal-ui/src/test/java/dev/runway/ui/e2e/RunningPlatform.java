package dev.runway.ui.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform as a user runs it: started with {@code bin/runway up} (real Keycloak, real PostgreSQL,
 * the Kubernetes sandbox and the four packaged services) unless it is already up, and stopped again only
 * if this run started it.
 */
final class RunningPlatform {
    static final String PORTAL = "http://localhost:8080";
    static final String KEYCLOAK = "http://localhost:8180";
    private static final List<String> READY = List.of("http://localhost:8080/q/health/ready",
            "http://localhost:8081/q/health/ready", "http://localhost:8082/q/health/ready",
            "http://localhost:8083/q/health/ready");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static boolean startedHere;

    private RunningPlatform() {
    }

    static Path root() {
        String root = System.getProperty("runway.root");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }

    static synchronized void ensureUp() throws IOException, InterruptedException {
        if (allReady()) {
            return;
        }
        Path log = Path.of("target", "e2e", "runway-up.log");
        Files.createDirectories(log.getParent());
        Process up = new ProcessBuilder(root().resolve("bin/runway").toString(), "up")
                .directory(root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!up.waitFor(15, TimeUnit.MINUTES) || up.exitValue() != 0) {
            throw new IllegalStateException("bin/runway up failed; see " + log.toAbsolutePath() + ":\n"
                    + Files.readString(log));
        }
        startedHere = true;
        Runtime.getRuntime().addShutdownHook(new Thread(RunningPlatform::downQuietly));
    }

    private static boolean allReady() {
        for (String url : READY) {
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static void downQuietly() {
        if (!startedHere) {
            return;
        }
        try {
            new ProcessBuilder(root().resolve("bin/runway").toString(), "down")
                    .directory(root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/e2e/runway-down.log"))
                    .start().waitFor(2, TimeUnit.MINUTES);
        } catch (IOException e) {
            System.err.println("bin/runway down failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
