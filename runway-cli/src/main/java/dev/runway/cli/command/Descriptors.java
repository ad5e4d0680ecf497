package dev.runway.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import dev.runway.cli.CliContext;
import dev.runway.cli.CliException;

/** A descriptor file as sent to the catalog: its text and a content type chosen by its extension. */
record Descriptors(String body, String contentType) {
    static Descriptors read(CliContext ctx, String file) {
        try {
            if ("-".equals(file)) {
                return new Descriptors(new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8), "application/yaml");
            }
            Path path = ctx.workDir().resolve(file);
            String body = Files.readString(path, StandardCharsets.UTF_8);
            return new Descriptors(body, file.toLowerCase(Locale.ROOT).endsWith(".json") ? "application/json"
                    : "application/yaml");
        } catch (NoSuchFileException e) {
            throw CliException.usage("no such file: " + file);
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + " (" + e.getMessage() + ")");
        }
    }
}
