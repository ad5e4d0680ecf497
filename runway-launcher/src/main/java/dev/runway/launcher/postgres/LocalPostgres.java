package dev.runway.launcher.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on 127.0.0.1, user {@code postgres} trusted without password,
 * whose data directory survives restarts. Run as root it still works: zonky starts initdb and postgres through
 * {@code unshare -U}, where they do not run as uid 0.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    // zonky's own lock file inside the data directory, held by the JVM that runs the server
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final int port;
    private final CompletableFuture<String> unexpectedExit = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory, int port) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory} (initialised on first use, reused afterwards) and creates the
     * databases that do not exist yet.
     */
    public static LocalPostgres start(Path dataDirectory, int port, List<String> databases) throws IOException {
        databases.forEach(LocalPostgres::requireValidDatabaseName);
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Files.createDirectories(directory);
        stopOrphanedServer(directory);
        requireFreePort(port);

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // Foreground owns the shutdown hook, so that stop and "stopped" logging happen in one place
                .setRegisterShutdownHook(false)
                .start();
        LocalPostgres local = new LocalPostgres(postgres, directory, port);
        try {
            local.createMissingDatabases(databases);
            local.watchPostmaster();
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                local.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e instanceof IOException io ? io : new IOException("could not prepare the databases", e);
        }
        return local;
    }

    public static void requireValidDatabaseName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid database name '" + name
                    + "': use lower-case letters, digits and '_', starting with a letter or '_'");
        }
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Completes with a reason if the postmaster exits while this launcher still runs. */
    public CompletableFuture<String> unexpectedExit() {
        return unexpectedExit;
    }

    private void createMissingDatabases(List<String> databases) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
             Statement ddl = connection.createStatement()) {
            for (String database : databases) {
                exists.setString(1, database);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        LOG.info("database {} exists", database);
                        continue;
                    }
                }
                // CREATE DATABASE takes no bind parameter; the name was checked against DATABASE_NAME
                ddl.execute("CREATE DATABASE \"" + database + "\"");
                LOG.info("created database {}", database);
            }
        }
    }

    private void watchPostmaster() throws IOException {
        readPostmasterPid(dataDirectory).flatMap(ProcessHandle::of).ifPresentOrElse(
                postmaster -> postmaster.onExit().thenRun(() -> {
                    if (!closed.get()) {
                        unexpectedExit.complete("postgres (pid " + postmaster.pid() + ") exited");
                    }
                }),
                () -> {
                    // pg_ctl can fail while zonky still reports success; then another server answered our queries.
                    throw new IllegalStateException("PostgreSQL did not start on " + dataDirectory
                            + " (no live postmaster.pid); see its output above");
                });
    }

    /** A server already on the port (another launcher, a system PostgreSQL) would answer in our place. */
    private static void requireFreePort(int port) throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        } catch (java.net.BindException e) {
            throw new IOException("port " + port + " on 127.0.0.1 is already in use by another process");
        }
    }

    /**
     * A launcher killed with SIGKILL leaves its postmaster running on the data directory, and the next start would
     * fail on it. Such an orphan is stopped (fast shutdown); a server still held by a live launcher is an error.
     */
    private static void stopOrphanedServer(Path directory) throws IOException {
        Optional<ProcessHandle> running = readPostmasterPid(directory)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (running.isEmpty()) {
            return;
        }
        if (isLockedByLiveLauncher(directory.resolve(ZONKY_LOCK))) {
            throw new IOException("data directory " + directory + " is in use by another runway-launcher");
        }
        ProcessHandle orphan = running.get();
        LOG.warn("stopping orphaned postgres (pid {}) left on {}", orphan.pid(), directory);
        try {
            // SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for every client to disconnect
            new ProcessBuilder("kill", "-INT", Long.toString(orphan.pid())).inheritIO().start().waitFor();
            orphan.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned postgres", e);
        } catch (Exception e) {
            throw new IOException("could not stop the orphaned postgres (pid " + orphan.pid() + ")", e);
        }
    }

    private static boolean isLockedByLiveLauncher(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileOutputStream stream = new FileOutputStream(lockFile.toFile(), true);
             FileLock lock = stream.getChannel().tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException heldByThisJvm) {
            return true;
        }
    }

    private static Optional<Long> readPostmasterPid(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed.getAndSet(true)) {
            return;
        }
        postgres.close();
        LOG.info("postgres on port {} stopped; data kept in {}", port, dataDirectory);
    }
}
