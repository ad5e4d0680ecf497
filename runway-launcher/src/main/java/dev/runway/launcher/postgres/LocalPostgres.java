package dev.runway.launcher.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on 127.0.0.1 whose data directory survives restarts, durable
 * like a production server (fsync, synchronous commit and full-page writes on; zonky's defaults are test defaults).
 *
 * <p>By default the superuser {@code postgres} is trusted without password. With {@link Builder#scram()} TCP
 * connections need a password (scram-sha-256): the superuser's ({@link Builder#superuserPassword}) and that of an
 * optional login role that is not a superuser but may create databases and roles ({@link Builder#loginRole}), so that
 * the credentials handed out really matter. Run as root it still works: zonky starts initdb and postgres through
 * {@code unshare -U}, where they do not run as uid 0.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    // zonky's own lock file inside the data directory (and inside a binaries directory while it extracts)
    private static final String ZONKY_LOCK = "epg-lock";
    // zonky's marker of a complete extraction inside PG-<md5>
    private static final String EXTRACTED_MARKER = ".exists";
    // ours, in the binaries directory: one launcher at a time cleans up and lets zonky extract
    private static final String BINARIES_LOCK = ".runway-extract.lock";
    private static final String HBA_MARKER = "# runway-launcher: scram-sha-256";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final int port;
    private final String superuserPassword;
    private final CompletableFuture<String> unexpectedExit = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory, int port, String superuserPassword) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    /**
     * A server on {@code dataDirectory} (initialised on first use, reused afterwards), its binaries extracted under
     * {@code binariesDirectory} (shared by the servers of one checkout, never a shared temp folder).
     */
    public static Builder builder(Path dataDirectory, int port, Path binariesDirectory) {
        return new Builder(dataDirectory, port, binariesDirectory);
    }

    public static final class Builder {
        private final Path dataDirectory;
        private final int port;
        private final Path binariesDirectory;
        private List<String> databases = List.of();
        private String superuserPassword = "";
        private boolean scram;
        private String loginRole;
        private String loginPassword;

        private Builder(Path dataDirectory, int port, Path binariesDirectory) {
            this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
            this.port = port;
            this.binariesDirectory = binariesDirectory.toAbsolutePath().normalize();
        }

        /** Databases created when they do not exist yet. */
        public Builder databases(List<String> names) {
            names.forEach(LocalPostgres::requireValidDatabaseName);
            this.databases = List.copyOf(names);
            return this;
        }

        /** The superuser's password, set on every start; the launcher connects with it. */
        public Builder superuserPassword(String password) {
            this.superuserPassword = requirePassword(password, "superuser");
            return this;
        }

        /** TCP connections need a password (scram-sha-256) instead of being trusted; needs a superuser password. */
        public Builder scram() {
            this.scram = true;
            return this;
        }

        /** A role that may log in, create databases and roles, but is not a superuser; its password set on every start. */
        public Builder loginRole(String name, String password) {
            requireValidDatabaseName(name);
            this.loginRole = name;
            this.loginPassword = requirePassword(password, name);
            return this;
        }

        public LocalPostgres start() throws IOException {
            if (scram && superuserPassword.isEmpty()) {
                throw new IllegalArgumentException("password authentication needs a superuser password, or the "
                        + "launcher would lock itself out");
            }
            if (SUPERUSER.equals(loginRole)) {
                throw new IllegalArgumentException("the login role must not be the superuser " + SUPERUSER);
            }
            return LocalPostgres.start(this);
        }
    }

    private static String requirePassword(String password, String whose) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("empty password for " + whose);
        }
        return password;
    }

    private static LocalPostgres start(Builder settings) throws IOException {
        Path directory = settings.dataDirectory;
        Files.createDirectories(directory);
        stopOrphanedServer(directory);
        requireFreePort(settings.port);

        EmbeddedPostgres.Builder embedded = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(settings.port)
                .setOverrideWorkingDirectory(settings.binariesDirectory.toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky always passes -F (fsync off) and sets synchronous_commit=off: test defaults. A later
                // "-c fsync=on" on the postmaster command line overrides the -F before it.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // Foreground owns the shutdown hook, so that stop and "stopped" logging happen in one place
                .setRegisterShutdownHook(false);
        if (!settings.superuserPassword.isEmpty()) {
            // zonky's own start-up probe connects as the superuser: with scram it needs the password
            embedded.setConnectConfig("password", settings.superuserPassword);
        }
        EmbeddedPostgres postgres = startWithBinaries(embedded, settings.binariesDirectory);
        LocalPostgres local = new LocalPostgres(postgres, directory, settings.port, settings.superuserPassword);
        try {
            local.watchPostmaster();
            local.prepare(settings);
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                local.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e instanceof IOException io ? io : new IOException("could not prepare the server", e);
        }
        return local;
    }

    /**
     * Lets zonky extract its binaries into {@code binariesDirectory} and start the server, after removing what an
     * interrupted extraction left: zonky re-extracts over such a directory and fails on the files already there.
     * One launcher at a time, so that a cleanup never removes the directory another launcher is extracting into.
     */
    private static EmbeddedPostgres startWithBinaries(EmbeddedPostgres.Builder embedded, Path binariesDirectory)
            throws IOException {
        Files.createDirectories(binariesDirectory);
        synchronized (LocalPostgres.class) {
            try (FileChannel channel = FileChannel.open(binariesDirectory.resolve(BINARIES_LOCK),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                removeInterruptedExtractions(binariesDirectory);
                try {
                    return embedded.start();
                } catch (ExceptionInInitializerError e) {
                    // zonky reports a failed extraction this way; it is an I/O failure to the caller
                    throw new IOException("could not extract the PostgreSQL binaries into " + binariesDirectory,
                            e.getCause() == null ? e : e.getCause());
                } finally {
                    // zonky makes its working directory writable by everyone (a shared temp folder); here nobody
                    // else may plant binaries that this user would run
                    restrictToOwner(binariesDirectory);
                }
            }
        }
    }

    private static void restrictToOwner(Path directory) throws IOException {
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: nothing to restrict
        }
    }

    /**
     * Removes each {@code PG-*} directory that lacks zonky's completion marker and is not being extracted right now
     * (its lock free): what a launcher killed or out of memory during extraction left behind.
     */
    static List<Path> removeInterruptedExtractions(Path binariesDirectory) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(binariesDirectory)) {
            return removed;
        }
        try (DirectoryStream<Path> extractions = Files.newDirectoryStream(binariesDirectory, "PG-*")) {
            for (Path extraction : extractions) {
                if (!Files.isDirectory(extraction, LinkOption.NOFOLLOW_LINKS)
                        || Files.exists(extraction.resolve(EXTRACTED_MARKER))
                        || isLockedByLiveLauncher(extraction.resolve(ZONKY_LOCK))) {
                    continue;
                }
                LOG.warn("removing {}: an earlier extraction of the PostgreSQL binaries did not finish", extraction);
                deleteRecursively(extraction);
                removed.add(extraction);
            }
        }
        return removed;
    }

    private static void deleteRecursively(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
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

    private void prepare(Builder settings) throws SQLException, IOException {
        try (Connection connection = connect("postgres")) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            if (!settings.superuserPassword.isEmpty()) {
                // the verifier is computed here: no password ever appears in SQL text (or a server log)
                pg.alterUserPassword(SUPERUSER, settings.superuserPassword.toCharArray(), "scram-sha-256");
            }
            if (settings.loginRole != null) {
                ensureLoginRole(connection, settings.loginRole);
                pg.alterUserPassword(settings.loginRole, settings.loginPassword.toCharArray(), "scram-sha-256");
            }
            createMissingDatabases(connection, settings.databases);
            if (settings.scram && requirePasswordsInHba()) {
                try (Statement reload = connection.createStatement()) {
                    reload.execute("SELECT pg_reload_conf()");
                }
                LOG.info("TCP connections now need a password (scram-sha-256)");
            }
        }
    }

    private static void ensureLoginRole(Connection connection, String role) throws SQLException {
        boolean exists;
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet row = query.executeQuery()) {
                exists = row.next();
            }
        }
        try (Statement ddl = connection.createStatement()) {
            // role names take no bind parameter; the name was checked against DATABASE_NAME
            ddl.execute((exists ? "ALTER ROLE \"" : "CREATE ROLE \"") + role
                    + "\" LOGIN CREATEDB CREATEROLE NOSUPERUSER NOREPLICATION NOBYPASSRLS");
            // since PostgreSQL 16 a creator only administers the roles it creates; to hand a database to one
            // (CREATE DATABASE ... OWNER) it must also be able to SET ROLE to it
            ddl.execute("ALTER ROLE \"" + role + "\" SET createrole_self_grant = 'set, inherit'");
        }
        LOG.info("{} role {} (login, createdb, createrole, not a superuser)", exists ? "kept" : "created", role);
    }

    /**
     * initdb trusts every local connection. The first start with passwords rewrites pg_hba.conf once: TCP on loopback
     * with scram-sha-256, the unix socket refused. Returns whether it changed the file (a reload is then due).
     */
    private boolean requirePasswordsInHba() throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        if (Files.readString(hba, StandardCharsets.UTF_8).contains(HBA_MARKER)) {
            return false;
        }
        String rules = HBA_MARKER + " (rewritten once by the launcher; initdb's trust rules are gone)\n"
                + "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
                + "local   all       all                 reject\n"
                + "host    all       all   127.0.0.1/32  scram-sha-256\n"
                + "host    all       all   ::1/128       scram-sha-256\n";
        Path next = hba.resolveSibling("pg_hba.conf.next");
        Files.writeString(next, rules, StandardCharsets.UTF_8);
        Files.move(next, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, superuserPassword);
    }

    private static void createMissingDatabases(Connection connection, List<String> databases) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
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
