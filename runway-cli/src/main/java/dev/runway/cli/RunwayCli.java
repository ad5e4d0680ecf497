package dev.runway.cli;

import java.time.Instant;
import java.util.concurrent.Callable;

import dev.runway.cli.command.CatalogCommand;
import dev.runway.cli.command.DeployCommand;
import dev.runway.cli.command.DoraCommand;
import dev.runway.cli.command.IncidentCommand;
import dev.runway.cli.command.LoginCommand;
import dev.runway.cli.command.LogoutCommand;
import dev.runway.cli.command.WhoamiCommand;
import dev.runway.cli.git.GitException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code runway-cli.jar}, which {@code bin/runway} runs for every subcommand that talks to the
 * platform's APIs. A CI job can run the jar on its own with {@code RUNWAY_TOKEN} set.
 */
@Command(name = "runway",
        mixinStandardHelpOptions = true,
        versionProvider = RunwayCli.Version.class,
        description = "Command-line client of the Runway platform, for people and CI pipelines.",
        subcommands = { LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, CatalogCommand.class,
            DeployCommand.class, IncidentCommand.class, DoraCommand.class, CommandLine.HelpCommand.class },
        footerHeading = "%nExit codes:%n",
        footer = { "  0  done",
            "  1  the service rejected the request (its problem is printed)",
            "  2  usage error (bad option, unreadable file, unknown git revision)",
            "  3  authentication failure (no credentials, token refused, role not allowed)",
            "  4  a service or the OIDC provider is unreachable",
            "",
            "Credentials: RUNWAY_TOKEN (used as-is, for CI), else the login that",
            "`runway login` cached in $XDG_CONFIG_HOME/runway/credentials.json",
            "(default ~/.config/runway)." })
public final class RunwayCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(CliContext.system(), args));
    }

    /** Runs one command line against the given context and answers its exit code. */
    public static int run(CliContext ctx, String... args) {
        CommandLine commandLine = new CommandLine(new RunwayCli(), new Factory(ctx))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(ctx.out())
                .setErr(ctx.err())
                .setExecutionExceptionHandler((failure, command, parsed) -> report(ctx, failure))
                .registerConverter(Instant.class, new InstantConverter(ctx));
        try {
            return commandLine.execute(args);
        } finally {
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
    }

    private static int report(CliContext ctx, Exception failure) {
        if (failure instanceof CliException e) {
            ctx.err().println("runway: " + e.getMessage());
            return e.exitCode();
        }
        if (failure instanceof GitException e) {
            ctx.err().println("runway: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ctx.err().println("runway: unexpected error: " + (failure.getMessage() == null
                ? failure.getClass().getSimpleName() : failure.getMessage()));
        return ExitCodes.REJECTED;
    }

    /** Hands the context to every command that asks for it in its constructor. */
    private record Factory(CliContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RunwayCli.class.getPackage().getImplementationVersion();
            return new String[] { "runway-cli " + (version == null ? "(development)" : version) };
        }
    }
}
