package dev.runway.launcher.postgres;

import dev.runway.launcher.Foreground;
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
            "Keeps its data in --data-dir across restarts (user postgres, no password) and creates the --databases "
                + "that do not exist yet. Prints one line 'READY postgres ...' on stdout once it accepts connections; "
                + "stops cleanly on SIGTERM or SIGINT." })
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
        LocalPostgres postgres = LocalPostgres.start(dataDirectory, port, databases);
        String ready = "postgres 127.0.0.1:" + postgres.port()
                + " user=" + LocalPostgres.SUPERUSER
                + " databases=" + String.join(",", databases)
                + " data-dir=" + postgres.dataDirectory();
        return Foreground.run(postgres, ready, postgres.unexpectedExit());
    }
}
