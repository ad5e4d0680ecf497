package dev.runway.launcher.postgres;

import dev.runway.launcher.Foreground;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "postgres",
        mixinStandardHelpOptions = true,
        description = {
            "Runs PostgreSQL on 127.0.0.1 in the foreground.",
            "Keeps its data in --data-dir across restarts, durably (fsync, synchronous commit, full-page writes), "
                + "and creates the --databases that do not exist yet. User postgres is trusted without password "
                + "unless --scram is given. Prints one line 'READY postgres ...' on stdout once it accepts "
                + "connections; stops cleanly on SIGTERM or SIGINT." })
public final class PostgresCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "Data directory; initialised when empty, reused otherwise.")
    Path dataDirectory;

    @Option(names = "--port", defaultValue = "5432", paramLabel = "PORT",
            description = "TCP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--databases", split = ",", paramLabel = "NAME",
            description = "Comma-separated databases to create if missing, e.g. runway_catalog,runway_access.")
    List<String> databases = new ArrayList<>();

    @Option(names = "--binaries-dir", required = true, paramLabel = "DIR",
            description = "Where the PostgreSQL binaries are extracted (once; an interrupted extraction is redone).")
    Path binariesDirectory;

    @Option(names = "--superuser-password-file", paramLabel = "FILE",
            description = "File holding the password of user postgres, set on every start.")
    Path superuserPasswordFile;

    @Option(names = "--login-role", paramLabel = "NAME",
            description = "A role that may log in, create databases and roles, but is not a superuser.")
    String loginRole;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the password of --login-role, set on every start.")
    Path passwordFile;

    @Option(names = "--scram",
            description = "TCP connections need a password (scram-sha-256) instead of being trusted; "
                + "needs --superuser-password-file.")
    boolean scram;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, not " + port);
        }
        try {
            databases.forEach(LocalPostgres::requireValidDatabaseName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (scram && superuserPasswordFile == null) {
            throw new ParameterException(spec.commandLine(), "--scram needs --superuser-password-file");
        }
        if ((loginRole == null) != (passwordFile == null)) {
            throw new ParameterException(spec.commandLine(), "--login-role and --password-file go together");
        }
        LocalPostgres.Builder builder = LocalPostgres.builder(dataDirectory, port, binariesDirectory);
        try {
            builder.databases(databases);
            if (superuserPasswordFile != null) {
                builder.superuserPassword(readPassword(superuserPasswordFile));
            }
            if (loginRole != null) {
                builder.loginRole(loginRole, readPassword(passwordFile));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (scram) {
            builder.scram();
        }
        LocalPostgres postgres = builder.start();
        String ready = "postgres 127.0.0.1:" + postgres.port()
                + " user=" + LocalPostgres.SUPERUSER
                + (loginRole == null ? "" : " login-role=" + loginRole)
                + " auth=" + (scram ? "scram-sha-256" : "trust")
                + " databases=" + String.join(",", databases)
                + " data-dir=" + postgres.dataDirectory();
        return Foreground.run(postgres, ready, postgres.unexpectedExit());
    }

    /** The first line of the file; a password never goes on a command line, where ps would show it. */
    private String readPassword(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0).strip();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
        }
    }
}
