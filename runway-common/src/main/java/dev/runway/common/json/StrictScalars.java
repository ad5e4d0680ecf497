package dev.runway.common.json;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Scalars read only from their own JSON type: Jackson would turn {@code 1} into {@code "1"}, {@code 1} into
 * {@code true} and a number into an epoch instant, hiding a caller's mistake. Every refusal goes through
 * {@link DeserializationContext#handleUnexpectedToken}/{@link DeserializationContext#handleWeirdStringValue}, so a
 * problem handler can record it and carry on.
 */
final class StrictScalars {
    private StrictScalars() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("runway-strict-scalars");
        module.addDeserializer(String.class, new Strings());
        module.addDeserializer(Boolean.class, new Booleans());
        module.addDeserializer(Instant.class, new Instants());
        return module;
    }

    static final class Strings extends StdScalarDeserializer<String> {
        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                return p.getText();
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    static final class Booleans extends StdScalarDeserializer<Boolean> {
        Booleans() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_TRUE) || p.hasToken(JsonToken.VALUE_FALSE)) {
                return p.getBooleanValue();
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }
    }

    /** An ISO-8601 date-time with an offset ({@code 2026-11-21T10:15:30Z}, {@code ...+01:00}); nothing else. */
    static final class Instants extends StdScalarDeserializer<Instant> {
        Instants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText().trim();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                        "not an ISO-8601 instant with offset");
            }
        }
    }
}
