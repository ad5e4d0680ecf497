package dev.runway.launcher;

import dev.runway.launcher.kubernetes.KubernetesSandboxCommand;
import dev.runway.launcher.load.LoadCommand;
import dev.runway.launcher.postgres.PostgresCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code runway-launcher.jar}: the local infrastructure that {@code bin/runway} starts on a
 * developer machine. The infrastructure subcommands run in the foreground until SIGTERM/SIGINT and print one
 * {@code READY} line on stdout once they serve; logs go to stderr. {@code load} runs a bounded load scenario against
 * the running platform and exits.
 */
@Command(name = "runway-launcher",
        mixinStandardHelpOptions = true,
        versionProvider = Launcher.Version.class,
        description = "Runs the local infrastructure of Runway in the foreground.",
        subcommands = { PostgresCommand.class, KubernetesSandboxCommand.class, LoadCommand.class,
            CommandLine.HelpCommand.class })
public final class Launcher {

    public static void main(String[] args) {
        // must happen before anything touches java.util.logging, so that JUL and slf4j share one stderr handler
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        // bin/runway passes its defaults first; an option the user repeats after them wins
        return new CommandLine(new Launcher()).setExecutionExceptionHandler(Launcher::reportFailure)
                .setOverwrittenOptionsAllowed(true);
    }

    /** A failure to start is reported as its chain of messages: the server's own log is already on stderr. */
    private static int reportFailure(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        StringBuilder message = new StringBuilder(command.getCommandSpec().qualifiedName()).append(": ")
                .append(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            message.append("\n  caused by: ").append(cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        command.getErr().println(message);
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Launcher.class.getPackage().getImplementationVersion();
            return new String[] { "runway-launcher " + (version == null ? "(development)" : version) };
        }
    }
}
