package dev.runway.common.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * The packaged service (target/quarkus-app, in the prod profile as {@code java -jar} runs it) refuses to start while a
 * secret it uses is unset or public, and says which variable to set, before it touches its database; with its own
 * secrets it gets past the check. A failsafe test ({@code *IT}) of each service extends this and names its secrets.
 *
 * <p>The process gets a clean environment (no RUNWAY_, QUARKUS_ or KC_ variable of whoever runs the build), a free HTTP
 * port, a Keycloak address nothing answers on, and as its database a local socket that only records whether anything
 * connected to it.
 */
public abstract class ProductionSecretsTests {
    private static final Duration BOUND = Duration.ofSeconds(120);

    /** The secrets the service requires, by variable, each with the public value it used to default to. */
    protected abstract Map<String, String> requiredSecrets();

    /** Whether the service has a database (portal-ui has none): then getting past the check means connecting to it. */
    protected boolean hasDatabase() {
        return true;
    }

    @Test
    void refusesToStartWithoutEachRequiredSecretNamingItsVariable() throws Exception {
        for (String missing : requiredSecrets().keySet()) {
            Map<String, String> env = ownSecrets();
            env.remove(missing);
            Run run = start(env);
            assertNotEquals(0, run.exitCode(), run::describe);
            assertTrue(run.output().contains(missing + " is not set"), run::describe);
            assertFalse(run.databaseContacted(), "the database was contacted before the refusal\n" + run.describe());
        }
    }

    @Test
    void refusesToStartWithAPublicValueNamingItsVariable() throws Exception {
        for (Map.Entry<String, String> secret : requiredSecrets().entrySet()) {
            Map<String, String> env = ownSecrets();
            env.put(secret.getKey(), secret.getValue());
            Run run = start(env);
            assertNotEquals(0, run.exitCode(), run::describe);
            assertTrue(run.output().contains(secret.getKey() + " is set to a public demo or placeholder value"),
                    run::describe);
            assertFalse(run.databaseContacted(), "the database was contacted before the refusal\n" + run.describe());
        }
        Map<String, String> placeholders = ownSecrets();
        placeholders.replaceAll((variable, value) -> "change-me");
        if (hasDatabase()) {
            placeholders.put("RUNWAY_DB_PASSWORD", "change-me");
        }
        Run run = start(placeholders);
        assertNotEquals(0, run.exitCode(), run::describe);
        for (String variable : placeholders.keySet()) {
            assertTrue(run.output().contains(variable + " is set to a public demo or placeholder value"), run::describe);
        }
    }

    @Test
    void startsPastTheCheckWithItsOwnSecrets() throws Exception {
        Run run = start(ownSecrets());
        if (hasDatabase()) {
            assertTrue(run.databaseContacted(), "never reached its database\n" + run.describe());
        } else {
            assertTrue(run.output().contains("Installed features"), run::describe);
        }
        assertFalse(run.output().contains("is not set") || run.output().contains("public demo or placeholder"),
                run::describe);
    }

    private Map<String, String> ownSecrets() {
        Map<String, String> env = new HashMap<>();
        requiredSecrets().keySet().forEach(variable -> env.put(variable, UUID.randomUUID().toString()));
        return env;
    }

    private Run start(Map<String, String> secrets) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "package the service first: " + jar);
        try (ServerSocket database = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ServerSocket nobody = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicBoolean contacted = new AtomicBoolean();
            Thread trap = daemon(() -> {
                try (Socket s = database.accept()) {
                    contacted.set(true);
                } catch (IOException closed) {
                    // the run is over
                }
            });
            int closedPort = nobody.getLocalPort();
            nobody.close();

            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("RUNWAY_") || k.startsWith("QUARKUS_") || k.startsWith("KC_"));
            env.put("QUARKUS_HTTP_PORT", "0");
            env.put("RUNWAY_OIDC_URL", "http://127.0.0.1:" + closedPort + "/realms/runway");
            env.put("RUNWAY_DB_URL", "jdbc:postgresql://127.0.0.1:" + database.getLocalPort());
            env.putAll(secrets);
            Process process = pb.start();
            StringBuffer output = new StringBuffer();
            Thread reader = daemon(() -> copy(process.getInputStream(), output));
            Instant deadline = Instant.now().plus(BOUND);
            while (process.isAlive() && Instant.now().isBefore(deadline) && !contacted.get()
                    && !(!hasDatabase() && output.indexOf("Installed features") >= 0)) {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
            boolean exited = !process.isAlive();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(5000);
            database.close();
            trap.join(5000);
            return new Run(exited ? process.exitValue() : 0, exited, output.toString(), contacted.get());
        }
    }

    private static Thread daemon(Runnable work) {
        Thread t = new Thread(work);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void copy(InputStream in, StringBuffer out) {
        try (in) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0;) {
                out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException stopped) {
            // the process was stopped: what it printed so far is the output
        }
    }

    /** One start: its exit code (0 while it still ran when stopped), what it printed, whether it reached the database. */
    private record Run(int exitCode, boolean exited, String output, boolean databaseContacted) {
        String describe() {
            return (exited ? "exited with " + exitCode : "still running when stopped") + ", output:\n" + output;
        }
    }
}
