package dev.runway.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} on every command. Not picocli's standard help mixin, which also brings {@code --version}:
 * {@code deploy record --version} is the deployed version.
 */
public final class HelpOption {
    @Option(names = { "-h", "--help" }, usageHelp = true, description = "show this help and exit")
    boolean help;
}
