package dev.runway.provisioning.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A database server of the machine's packages, run by a test as a child process: its data in a folder of its own
 * in the module's build output ({@code target/test-servers/<name>-<random>}), listening on 127.0.0.1 on a free
 * port, stopped and its folder removed when the JVM exits. Never a server that happens to run on the machine.
 * Checks for the binary first and says which package to install.
 * <p>
 * Quarkus loads test resources anew for each application it boots, so the static "once" of a resource holds per
 * application, not per JVM: every server gets a folder of its own, and what a killed JVM left behind is cleared on
 * the next start.
 */
final class LocalServer {
    private static final Path ROOT = Path.of("target", "test-servers").toAbsolutePath();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String PID_FILE = "server.pid";

    private final String name;
    private final Path directory;
    private final int port;
    private Process process;

    private LocalServer(String name, Path directory, int port) {
        this.name = name;
        this.directory = directory;
        this.port = port;
    }

    /** A fresh folder and a free port for a server of this name. */
    static LocalServer prepare(String name) {
        Path directory = freshDirectory(name);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new LocalServer(name, directory, s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for " + name, e);
        }
    }

    /**
     * A new empty folder {@code target/test-servers/<name>-<random>}, after removing the folders of this name that no
     * live test holds: their server stopped, or orphaned by a killed JVM (then it is stopped first).
     */
    static Path freshDirectory(String name) {
        try {
            Files.createDirectories(ROOT);
            try (Stream<Path> old = Files.list(ROOT)) {
                old.filter(d -> d.getFileName().toString().startsWith(name + "-")).forEach(LocalServer::clearLeftover);
            }
            Path directory = ROOT.resolve(name + "-" + randomSecret().substring(0, 8));
            Files.createDirectories(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a folder under " + ROOT, e);
        }
    }

    /** Records the server's process, so that a later run can tell whether the folder is still in use. */
    static void recordProcess(Path directory, long pid) {
        try {
            Files.writeString(directory.resolve(PID_FILE), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteDirectory(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // A folder left in target/ is removed by the next run or mvn clean.
        }
    }

    /** The binary, or a failure that says which Debian package provides it. */
    static String binary(String path, String debianPackage) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: install " + debianPackage
                    + " (apt-get install " + debianPackage + "; bin/runway test does it)");
        }
        return path;
    }

    static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    Path directory() {
        return directory;
    }

    int port() {
        return port;
    }

    /** Runs a command to completion (an initialisation step), its output in {@code <step>.log}. */
    void run(String step, List<String> command) {
        Path log = directory.resolve(step + ".log");
        try {
            Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(name + ": " + step + " failed: " + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted during " + step, e);
        }
    }

    /** Starts the server (output in {@code server.log}) and returns once it accepts connections on its port. */
    void start(List<String> command) {
        Path log = directory.resolve("server.log");
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot start " + command.get(0), e);
        }
        recordProcess(directory, process.pid());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop();
            deleteDirectory(directory);
        }, "stop test " + name));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!accepts()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                stop();
                throw new IllegalStateException(name + " did not start on 127.0.0.1:" + port + ": " + tail(log));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted while starting", e);
            }
        }
    }

    /** Asks the server to stop (SIGTERM: a clean shutdown), and kills it if it has not within ten seconds. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Removes a folder of an earlier run unless its server still runs for a live test JVM (its parent). A server
     * whose JVM was killed is stopped first; only a process whose command line names this very folder is touched.
     */
    private static void clearLeftover(Path directory) {
        Path pidFile = directory.resolve(PID_FILE);
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
                Optional<ProcessHandle> server = ProcessHandle.of(pid).filter(p -> p.info().arguments()
                        .map(args -> String.join(" ", args).contains(directory.toString())).orElse(false));
                if (server.isPresent()) {
                    boolean heldByJvm = server.get().parent().flatMap(p -> p.info().command())
                            .map(c -> c.endsWith("/java")).orElse(false);
                    if (heldByJvm) {
                        return;
                    }
                    server.get().destroy();
                    server.get().onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
                    server.get().destroyForcibly();
                }
            }
        } catch (IOException | NumberFormatException e) {
            // An unreadable pid file: no server to stop, the folder goes.
        }
        deleteDirectory(directory);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
