package dev.runway.cli.command;

import java.util.concurrent.Callable;

import dev.runway.cli.HelpOption;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: called alone it is a usage error (exit 2) with the usage. */
abstract class Group implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand of '"
                + spec.qualifiedName() + "'");
    }
}
