package dev.runway.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import picocli.CommandLine;

/** {@code now}, {@code 2026-11-20T14:03:00Z} or {@code 2026-11-20T15:03:00+01:00}; always sent as UTC. */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    private final CliContext ctx;

    InstantConverter(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Instant convert(String value) {
        if ("now".equalsIgnoreCase(value.strip())) {
            return ctx.clock().instant();
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not an ISO-8601 date-time with an offset (e.g. 2026-11-20T14:03:00Z) or 'now'");
        }
    }
}
