package dev.runway.cli;

import picocli.CommandLine.Option;

/** Tables for people, the services' own JSON for scripts. */
public final class OutputOptions {
    @Option(names = "--json", description = "print the service's JSON answer instead of a table")
    public boolean json;
}
