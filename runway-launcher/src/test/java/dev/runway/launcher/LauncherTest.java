package dev.runway.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LauncherTest {

    @Test
    void rejectsAnInvalidDatabaseNameBeforeStartingAnything() {
        StringWriter errors = new StringWriter();
        CommandLine launcher = Launcher.commandLine().setErr(new PrintWriter(errors));

        int exit = launcher.execute("postgres", "--data-dir", "unused", "--binaries-dir", "unused",
                "--databases", "runway_catalog,Bad-Name");

        assertEquals(CommandLine.ExitCode.USAGE, exit);
        assertTrue(errors.toString().contains("invalid database name 'Bad-Name'"), errors::toString);
    }

    @Test
    void requiresTheKubeconfigFileOfTheSandbox() {
        StringWriter errors = new StringWriter();
        CommandLine launcher = Launcher.commandLine().setErr(new PrintWriter(errors));

        int exit = launcher.execute("k8s-sandbox", "--port", "6443");

        assertEquals(CommandLine.ExitCode.USAGE, exit);
        assertTrue(errors.toString().contains("--kubeconfig"), errors::toString);
    }

    @Test
    void reportsAFailureToStartAsMessagesAndExitCodeOne(@TempDir Path directory) throws Exception {
        Path notADirectory = Files.writeString(directory.resolve("file"), "");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StringWriter errors = new StringWriter();

        int exit = Launcher.commandLine().setErr(new PrintWriter(errors)).execute("k8s-sandbox",
                "--port", Integer.toString(port), "--kubeconfig", notADirectory.resolve("config").toString());

        assertEquals(1, exit);
        assertTrue(errors.toString().startsWith("runway-launcher k8s-sandbox: "), errors::toString);
        assertFalse(errors.toString().contains("\tat "), errors::toString);
    }

    @Test
    void loadRefusesANonLoopbackTargetBeforeSendingAnything() {
        StringWriter errors = new StringWriter();
        CommandLine launcher = Launcher.commandLine().setErr(new PrintWriter(errors));

        int exit = launcher.execute("load", "catalog-reads", "--catalog-url", "http://10.0.0.7:8081");

        assertEquals(CommandLine.ExitCode.USAGE, exit);
        assertTrue(errors.toString().contains("--catalog-url must be on the loopback interface"), errors::toString);
    }

    @Test
    void loadRejectsAnUnknownScenarioAndAnUnboundedRun() {
        StringWriter errors = new StringWriter();
        CommandLine launcher = Launcher.commandLine().setErr(new PrintWriter(errors));

        assertEquals(CommandLine.ExitCode.USAGE, launcher.execute("load", "tuesday"));
        assertTrue(errors.toString().contains("unknown scenario 'tuesday'"), errors::toString);
        assertEquals(CommandLine.ExitCode.USAGE, launcher.execute("load", "decisions", "--max-requests", "0"));
        assertEquals(CommandLine.ExitCode.USAGE, launcher.execute("load", "decisions", "--duration", "forever"));
    }

    @Test
    void loadRefusesToRunWithoutTheServiceClientsSecret() {
        StringWriter errors = new StringWriter();
        CommandLine launcher = Launcher.commandLine().setErr(new PrintWriter(errors));

        assertEquals(CommandLine.ExitCode.USAGE, launcher.execute("load", "decisions", "--service-secret", " "));
        assertTrue(errors.toString().contains("export RUNWAY_CATALOG_CLIENT_SECRET"), errors::toString);
    }
}
