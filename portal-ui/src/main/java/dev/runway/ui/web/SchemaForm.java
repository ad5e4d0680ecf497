package dev.runway.ui.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A form generated from a template's JSON-Schema parameters: one field per property (integer, number, string
 * or enum), with the schema's bounds as HTML constraints, and the reverse: typed values from what was typed,
 * with the schema checked here too so a mistake is shown next to its field before the service is asked.
 */
public final class SchemaForm {
    /** Form field names carry this prefix so parameters never collide with the request's own fields. */
    public static final String PREFIX = "p.";

    public record Field(String name, String label, String input, String description, String min, String max,
            String pattern, List<String> options, String value, String error, boolean required) {
        public String formName() {
            return PREFIX + name;
        }

        public String id() {
            return "param-" + name;
        }

        public boolean isSelect() {
            return "select".equals(input);
        }
    }

    public record Parsed(Map<String, Object> values, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private SchemaForm() {
    }

    /**
     * @param typed  what the user typed, by property name (null on a fresh form)
     * @param errors messages by property name
     */
    public static List<Field> fields(JsonNode schema, Map<String, Object> defaults, Function<String, String> typed,
            Map<String, String> errors) {
        List<Field> fields = new ArrayList<>();
        if (schema == null) {
            return fields;
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema.path("properties").fields().forEachRemaining(p -> {
            String name = p.getKey();
            JsonNode s = p.getValue();
            List<String> options = new ArrayList<>();
            s.path("enum").forEach(o -> options.add(o.asText()));
            String type = s.path("type").asText("string");
            String input = !options.isEmpty() ? "select"
                    : "integer".equals(type) || "number".equals(type) ? "number" : "text";
            String value = typed == null ? null : typed.apply(name);
            if (value == null && defaults != null && defaults.get(name) != null) {
                value = String.valueOf(defaults.get(name));
            }
            fields.add(new Field(name, label(name), input, s.path("description").asText(""),
                    s.hasNonNull("minimum") ? s.get("minimum").asText() : null,
                    s.hasNonNull("maximum") ? s.get("maximum").asText() : null,
                    s.hasNonNull("pattern") ? s.get("pattern").asText() : null, options, value == null ? "" : value,
                    errors == null ? null : errors.get(name), required.contains(name)));
        });
        return fields;
    }

    /** Typed values of the non-blank fields; unknown names are ignored (the schema forbids them anyway). */
    public static Parsed parse(JsonNode schema, Function<String, String> typed) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        if (schema == null) {
            return new Parsed(values, errors);
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema.path("properties").fields().forEachRemaining(p -> {
            String name = p.getKey();
            JsonNode s = p.getValue();
            String raw = typed.apply(name);
            if (raw == null || raw.isBlank()) {
                if (required.contains(name)) {
                    errors.put(name, "is required");
                }
                return;
            }
            raw = raw.strip();
            String type = s.path("type").asText("string");
            try {
                Object value = switch (type) {
                    case "integer" -> Long.parseLong(raw);
                    case "number" -> Double.parseDouble(raw);
                    case "boolean" -> Boolean.parseBoolean(raw);
                    default -> raw;
                };
                String problem = check(s, value);
                if (problem != null) {
                    errors.put(name, problem);
                } else {
                    values.put(name, value);
                }
            } catch (NumberFormatException e) {
                errors.put(name, "integer".equals(type) ? "must be a whole number" : "must be a number");
            }
        });
        return new Parsed(values, errors);
    }

    private static String check(JsonNode s, Object value) {
        if (value instanceof Number n) {
            if (s.hasNonNull("minimum") && n.doubleValue() < s.get("minimum").asDouble()) {
                return "must be at least " + s.get("minimum").asText();
            }
            if (s.hasNonNull("maximum") && n.doubleValue() > s.get("maximum").asDouble()) {
                return "must be at most " + s.get("maximum").asText();
            }
        }
        if (value instanceof String text) {
            List<String> options = new ArrayList<>();
            s.path("enum").forEach(o -> options.add(o.asText()));
            if (!options.isEmpty() && !options.contains(text)) {
                return "must be one of " + String.join(", ", options);
            }
            if (s.hasNonNull("maxLength") && text.length() > s.get("maxLength").asInt()) {
                return "must be at most " + s.get("maxLength").asInt() + " characters";
            }
            if (s.hasNonNull("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(text).find()) {
                return "has the wrong format (" + s.get("pattern").asText() + ")";
            }
        }
        return null;
    }

    /** {@code cpuMillis} reads "Cpu millis", {@code memoryMiB} "Memory MiB": a unit keeps its case. */
    static String label(String name) {
        java.util.regex.Matcher words = Pattern.compile("[A-Z][a-z]+[A-Z]+$|[A-Z]?[a-z0-9]+|[A-Z]+").matcher(name);
        StringBuilder out = new StringBuilder();
        while (words.find()) {
            String w = words.group();
            boolean plainWord = w.substring(1).equals(w.substring(1).toLowerCase());
            out.append(out.length() == 0 ? "" : " ").append(plainWord ? w.toLowerCase() : w);
        }
        return out.length() == 0 ? name : Character.toUpperCase(out.charAt(0)) + out.substring(1);
    }
}
