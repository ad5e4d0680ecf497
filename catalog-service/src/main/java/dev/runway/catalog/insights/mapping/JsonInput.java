package dev.runway.catalog.insights.mapping;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;

/**
 * Reads a JSON request body field by field, collecting one violation per offending field (as {@code $.field}) so a
 * caller learns everything wrong at once; {@link #throwIfInvalid} then answers 400 with all of them.
 */
final class JsonInput {
    static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}");

    private final JsonNode body;
    private final List<Problem.Violation> violations = new ArrayList<>();

    private JsonInput(JsonNode body) {
        this.body = body;
    }

    static JsonInput parse(ObjectMapper json, String text, Set<String> known) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("The request body is empty; send a JSON object.",
                    List.of(new Problem.Violation("$", "expected a JSON object")));
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            // Read-constraint violations (nesting depth, number length) carry no location.
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidInputException("The request body is not valid JSON.",
                    List.of(new Problem.Violation("$", "not valid JSON" + where)));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("The request body must be a JSON object.",
                    List.of(new Problem.Violation("$", "expected a JSON object")));
        }
        JsonInput input = new JsonInput(node);
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                input.violation(f, "unknown field; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        });
        return input;
    }

    void violation(String field, String message) {
        violations.add(new Problem.Violation("$." + field, message));
    }

    boolean present(String field) {
        JsonNode v = body.get(field);
        return v != null && !v.isNull();
    }

    /** A string field; null when absent (and then a violation when required) or invalid. */
    String text(String field, boolean required, int maxLength) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                violation(field, "is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            violation(field, "must be a non-empty string");
            return null;
        }
        if (v.asText().length() > maxLength) {
            violation(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return v.asText().trim();
    }

    String externalId(String field, boolean required) {
        String id = text(field, required, 200);
        if (id != null && !EXTERNAL_ID.matcher(id).matches()) {
            violation(field, "must start with a letter or digit and contain only letters, digits and . _ : @ + -");
            return null;
        }
        return id;
    }

    /** An ISO-8601 instant with offset ({@code 2026-11-21T10:15:30Z}), truncated to the database's microseconds. */
    Instant instant(String field, boolean required) {
        String s = text(field, required, 64);
        return s == null ? null : instantValue(field, s);
    }

    private Instant instantValue(String field, String s) {
        try {
            return java.time.OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            violation(field, "must be an ISO-8601 instant with offset, e.g. 2026-11-21T10:15:30Z");
            return null;
        }
    }

    List<Instant> instants(String field, int maxItems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            violation(field, "must be an array of ISO-8601 instants");
            return List.of();
        }
        if (v.size() > maxItems) {
            violation(field, "must have at most " + maxItems + " entries");
            return List.of();
        }
        List<Instant> result = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                violation(field + "[" + i + "]", "must be an ISO-8601 instant");
                continue;
            }
            Instant t = instantValue(field + "[" + i + "]", item.asText().trim());
            if (t != null) {
                result.add(t);
            }
        }
        return result;
    }

    Boolean bool(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            violation(field, "must be true or false");
            return null;
        }
        return v.asBoolean();
    }

    JsonNode node(String field) {
        return body.get(field);
    }

    void throwIfInvalid(String what) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The " + what + " has " + violations.size() + " invalid field(s).",
                    List.copyOf(violations));
        }
    }
}
