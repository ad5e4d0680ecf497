package dev.runway.launcher.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    static final List<String> DATABASES = List.of("runway_catalog", "runway_provisioning", "runway_access");
    // the build's extraction (see the parent pom), shared by the tests that do not test extraction itself
    static final Path BINARIES = Path.of(System.getProperty("ot.epg.working-dir", "target/embedded-pg"));

    @TempDir
    Path dataDirectory;

    @Test
    void createsTheDatabasesAndKeepsTheDataAcrossRestarts() throws Exception {
        int port = freePort();
        try (LocalPostgres postgres = trusted(port).databases(DATABASES).start()) {
            assertEquals(DATABASES, existing(postgres, DATABASES));
            assertEquals("127.0.0.1", query(postgres, "postgres", "SHOW listen_addresses"));
            try (Connection connection = connect(postgres, "runway_catalog");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (name text)");
                statement.execute("INSERT INTO kept VALUES ('survives a restart')");
            }
        }

        // a second start on the same directory, with one more database, reuses what the first created
        List<String> more = new ArrayList<>(DATABASES);
        more.add("runway_extra");
        try (LocalPostgres postgres = trusted(port).databases(more).start()) {
            assertEquals(more, existing(postgres, more));
            assertEquals("survives a restart", query(postgres, "runway_catalog", "SELECT name FROM kept"));
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2", "postgres", ""));
    }

    @Test
    void isDurableUnlikeZonkysTestDefaults() throws Exception {
        try (LocalPostgres postgres = trusted(freePort()).start()) {
            // zonky passes -F (fsync off) and synchronous_commit=off; a committed row must survive a power cut
            assertEquals("on", query(postgres, "postgres", "SHOW fsync"));
            assertEquals("on", query(postgres, "postgres", "SHOW synchronous_commit"));
            assertEquals("on", query(postgres, "postgres", "SHOW full_page_writes"));
        }
    }

    @Test
    void withScramOnlyTheRightPasswordsGetInAndTheLoginRoleIsNoSuperuser() throws Exception {
        int port = freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=5";
        for (int start = 1; start <= 2; start++) {
            // the second start finds pg_hba.conf already switched to scram-sha-256 and sets the role's new password
            try (LocalPostgres ignored = LocalPostgres.builder(dataDirectory, port, BINARIES)
                    .superuserPassword("super-secret")
                    .loginRole("runway_provisioner", "provisioner-secret-" + start)
                    .scram()
                    .start()) {
                assertRefused(url, "runway_provisioner", "wrong-password");
                assertRefused(url, "runway_provisioner", "");
                assertRefused(url, "postgres", "");
                assertRefused(url, "postgres", "wrong-password");
                assertRefused(url, "runway_provisioner", "provisioner-secret-" + (3 - start));
                try (Connection superuser = DriverManager.getConnection(url, "postgres", "super-secret")) {
                    assertEquals("scram-sha-256", single(superuser, "SELECT auth_method FROM pg_hba_file_rules "
                            + "WHERE type = 'host' AND address = '127.0.0.1'"));
                }
                try (Connection provisioner = DriverManager.getConnection(url, "runway_provisioner",
                        "provisioner-secret-" + start);
                     Statement statement = provisioner.createStatement()) {
                    assertEquals("off", single(provisioner, "SHOW is_superuser"));
                    assertEquals("false", single(provisioner,
                            "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"));
                    statement.execute("CREATE DATABASE tenant_" + start);
                    statement.execute("CREATE ROLE tenant_owner_" + start + " LOGIN");
                    statement.execute("ALTER DATABASE tenant_" + start + " OWNER TO tenant_owner_" + start);
                }
            }
        }
    }

    @Test
    void refusesPasswordAuthenticationWithoutASuperuserPassword() {
        assertThrows(IllegalArgumentException.class, () -> trusted(freePort()).scram().start());
        assertThrows(IllegalArgumentException.class, () -> trusted(freePort()).loginRole("postgres", "x").start());
        assertThrows(IllegalArgumentException.class, () -> trusted(freePort()).loginRole("runway_provisioner", " "));
    }

    @Test
    void removesOnlyExtractionsThatNeitherFinishedNorAreStillRunning(@TempDir Path binaries) throws Exception {
        // what a launcher out of memory left: a dangling link zonky's next extraction would fail on
        Path interrupted = Files.createDirectories(binaries.resolve("PG-interrupted/lib"));
        Files.createSymbolicLink(interrupted.resolve("libicudata.so"), Path.of("libicudata.so.60.2"));
        Path finished = Files.createDirectories(binaries.resolve("PG-finished/bin"));
        Files.writeString(finished.resolveSibling(".exists"), "");
        Path running = Files.createDirectories(binaries.resolve("PG-running/lib"));
        Path other = Files.createDirectories(binaries.resolve("not-an-extraction"));

        try (FileChannel channel = FileChannel.open(running.resolveSibling("epg-lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock extracting = channel.lock()) {
            assertEquals(List.of(binaries.resolve("PG-interrupted")), LocalPostgres.removeInterruptedExtractions(binaries));
        }
        assertFalse(Files.exists(binaries.resolve("PG-interrupted")));
        assertTrue(Files.isDirectory(finished));
        assertTrue(Files.isDirectory(running));
        assertTrue(Files.isDirectory(other));
    }

    /**
     * The launcher as bin/runway runs it (its JVM options read from the script) extracts the binaries from scratch
     * into a directory where an earlier extraction was interrupted, and serves.
     */
    @Test
    void extractsAfreshWithTheLaunchersOwnJvmOptionsOverAnInterruptedExtraction(@TempDir Path binaries)
            throws Exception {
        Path extraction = binaries.resolve("PG-" + md5OfBundledBinaries());
        Files.createDirectories(extraction.resolve("lib"));
        Files.createSymbolicLink(extraction.resolve("lib/libicudata.so"), Path.of("libicudata.so.60.2"));

        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(launcherJavaOptions().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.runway.launcher.Launcher",
                "postgres", "--data-dir", dataDirectory.resolve("data").toString(),
                "--port", Integer.toString(freePort()), "--binaries-dir", binaries.toString()));
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> readUntilReady(launcher, output));
        try {
            assertTrue(ready.get(180, TimeUnit.SECONDS), output::toString);
        } finally {
            launcher.destroy();
            launcher.waitFor(60, TimeUnit.SECONDS);
            launcher.destroyForcibly();
        }
        assertFalse(output.toString().contains("OutOfMemoryError"), output::toString);
        assertTrue(Files.exists(extraction.resolve(".exists")), output::toString);
        assertTrue(Files.isRegularFile(extraction.resolve("lib/libicudata.so")), output::toString);
        assertTrue(Files.isExecutable(extraction.resolve("bin/postgres")), output::toString);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries)));
    }

    private static boolean readUntilReady(Process process, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                if (line.startsWith("READY ")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The options bin/runway starts the launcher with, so that this test fails when they no longer fit. */
    private static String launcherJavaOptions() throws IOException {
        String script = Files.readString(Path.of("..", "bin", "runway"), StandardCharsets.UTF_8);
        Matcher options = Pattern.compile("(?m)^LAUNCHER_JAVA_OPTS=\"([^\"]+)\"").matcher(script);
        assertTrue(options.find(), "no LAUNCHER_JAVA_OPTS in bin/runway");
        return options.group(1).trim();
    }

    private static String md5OfBundledBinaries() throws Exception {
        try (InputStream archive = LocalPostgresTest.class.getResourceAsStream("/postgres-linux-x86_64.txz");
             DigestInputStream digest = new DigestInputStream(archive, MessageDigest.getInstance("MD5"))) {
            digest.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.getMessageDigest().digest());
        }
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
        for (String name : List.of("", "Catalog", "runway-catalog", "1db", "a\"; DROP DATABASE postgres; --")) {
            assertThrows(IllegalArgumentException.class, () -> LocalPostgres.requireValidDatabaseName(name), name);
        }
        LocalPostgres.requireValidDatabaseName("runway_catalog");
    }

    private LocalPostgres.Builder trusted(int port) {
        return LocalPostgres.builder(dataDirectory, port, BINARIES);
    }

    private static void assertRefused(String url, String user, String password) {
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, user, password)
                .close(), user + " got in with a wrong password");
        // a wrong password: the server refuses; an empty one: the driver gives up once the server asks for SCRAM
        assertTrue(List.of("28P01", "28000").contains(refused.getSQLState())
                || refused.getMessage().contains("requested SCRAM-based authentication"), refused::toString);
    }

    private static List<String> existing(LocalPostgres postgres, List<String> wanted) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = connect(postgres, "postgres");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        assertTrue(found.containsAll(wanted), found::toString);
        return wanted.stream().filter(found::contains).toList();
    }

    private static String query(LocalPostgres postgres, String database, String sql) throws SQLException {
        try (Connection connection = connect(postgres, database)) {
            return single(connection, sql);
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            assertTrue(row.next(), sql);
            return row.getString(1);
        }
    }

    private static Connection connect(LocalPostgres postgres, String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), LocalPostgres.SUPERUSER, "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
