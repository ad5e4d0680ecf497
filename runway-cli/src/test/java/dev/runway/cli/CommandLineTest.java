package dev.runway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument parsing: what is a usage error (exit 2) is refused before anything is sent. */
class CommandLineTest {
    @TempDir
    Path tmp;

    TestCli cli;

    @BeforeEach
    void setUp() {
        cli = new TestCli(tmp);
        // nothing listens here: a test that reached the network would fail with exit 4, not 2
        cli.env.put("RUNWAY_CATALOG_URL", "http://127.0.0.1:1");
        cli.env.put("RUNWAY_TOKEN", "t");
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, cli.run());
        assertTrue(cli.err.contains("Missing a command"), cli.err);
        assertTrue(cli.err.contains("Usage: runway"), cli.err);
    }

    @Test
    void aGroupWithoutSubcommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, cli.run("catalog"));
        assertTrue(cli.err.contains("Missing a subcommand of 'runway catalog'"), cli.err);
        assertEquals(ExitCodes.USAGE, cli.run("deploy"));
        assertEquals(ExitCodes.USAGE, cli.run("incident"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, cli.run("deploi"));
        assertTrue(cli.err.contains("deploi"), cli.err);
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        assertEquals(0, cli.run("--help"));
        for (String command : new String[] { "login", "logout", "whoami", "catalog", "deploy", "incident", "dora" }) {
            assertTrue(cli.out.contains("  " + command), command + " missing in\n" + cli.out);
        }
        assertTrue(cli.out.contains("3  authentication failure"), cli.out);
    }

    @Test
    void everyCommandHasHelpAndDeployRecordKeepsVersionForTheDeployedVersion() {
        assertEquals(0, cli.run("deploy", "record", "--help"));
        assertTrue(cli.out.contains("--since-ref=REV"), cli.out);
        assertTrue(cli.out.contains("--version=VERSION"), cli.out);
        assertEquals(0, cli.run("catalog", "-h"));
        assertTrue(cli.out.contains("validate"), cli.out);
        assertEquals(0, cli.run("incident", "resolve", "--help"));
        assertTrue(cli.out.contains("EXTERNAL_ID"), cli.out);
    }

    @Test
    void deployRecordNeedsEntityEnvironmentAndVersion() {
        assertEquals(ExitCodes.USAGE, cli.run("deploy", "record", "--env", "production", "--version", "1"));
        assertTrue(cli.err.contains("--entity"), cli.err);
        assertEquals(ExitCodes.USAGE, cli.run("deploy", "record", "--entity", "component:default/a", "--version", "1"));
        assertTrue(cli.err.contains("--environment"), cli.err);
    }

    @Test
    void statusAndSeverityAreClosedLists() {
        assertEquals(ExitCodes.USAGE, cli.run("deploy", "record", "--entity", "e", "--env", "p", "--version", "1",
                "--status", "partial", "--no-git"));
        assertTrue(cli.err.contains("partial"), cli.err);
        assertEquals(ExitCodes.USAGE, cli.run("incident", "open", "--entity", "e", "--severity", "sev9"));
        assertTrue(cli.err.contains("sev9"), cli.err);
    }

    @Test
    void instantsNeedAnOffset() {
        assertEquals(ExitCodes.USAGE, cli.run("deploy", "record", "--entity", "e", "--env", "p", "--version", "1",
                "--no-git", "--started-at", "2026-11-20 14:00"));
        assertTrue(cli.err.contains("not an ISO-8601 date-time with an offset"), cli.err);
        assertEquals(ExitCodes.USAGE, cli.run("incident", "resolve", "x", "--resolved-at", "2026-11-20T14:00:00"));
    }

    @Test
    void aServiceUrlMustBeHttp() {
        cli.env.put("RUNWAY_CATALOG_URL", "ftp://catalog.example.org");
        assertEquals(ExitCodes.USAGE, cli.run("dora", "component:default/a"));
        assertTrue(cli.err.contains("not an http(s) URL: ftp://catalog.example.org (from RUNWAY_CATALOG_URL)"),
                cli.err);
    }

    @Test
    void optionsAfterTheCommandReachTheNetworkOnlyWhenValid() {
        // a well-formed command gets as far as the network, which is unreachable here
        assertEquals(ExitCodes.UNREACHABLE, cli.run("dora", "component:default/a", "--window", "7d"));
    }
}
