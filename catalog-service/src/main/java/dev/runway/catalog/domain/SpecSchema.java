package dev.runway.catalog.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.UriSchemaLoader;

import dev.runway.common.error.Problem.Violation;

/**
 * A JSON Schema (draft-07, the dialect of Backstage's kind schemas) for the {@code spec} of one kind: the Template
 * kind's, or one a platform-admin registered for a custom kind. Compiled once, then safe to share between threads.
 * Only references inside the schema itself resolve: a registered schema must never make the catalog fetch a URL.
 */
public final class SpecSchema {
    private static final String DRAFT_07 = "http://json-schema.org/draft-07/schema";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf");
    // The URI loader is removed, so a $ref or $schema naming a URL cannot turn validation into an outbound request;
    // the draft-07 meta-schema itself ships in the library and loads from the classpath.
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.builder(
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7))
            .schemaLoaders(loaders -> loaders.values(list -> list.removeIf(UriSchemaLoader.class::isInstance)))
            .build();
    private static final JsonSchema META_SCHEMA = eager(FACTORY.getSchema(SchemaLocation.of(DRAFT_07)));

    private final JsonNode source;
    private final JsonSchema schema;

    private SpecSchema(JsonNode source, JsonSchema schema) {
        this.source = source;
        this.schema = schema;
    }

    /**
     * Compiles a schema, or explains why it is not one this catalog accepts: an object, draft-07 (or no
     * {@code $schema}), valid against the draft-07 meta-schema, with only local ({@code #...}) references.
     *
     * @throws IllegalArgumentException with the reasons, each naming the JSON path inside the schema
     */
    public static SpecSchema compile(JsonNode schema) {
        List<String> problems = problems(schema);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        try {
            return new SpecSchema(schema.deepCopy(), eager(FACTORY.getSchema(schema.deepCopy())));
        } catch (RuntimeException e) {
            // The library explains an uncompilable schema in its message; no class name reaches the caller.
            throw new IllegalArgumentException("the schema cannot be compiled: " + e.getMessage());
        }
    }

    /**
     * Builds every validator now, $refs included, so that the first validations on several request threads do not
     * race to build them lazily.
     */
    private static JsonSchema eager(JsonSchema schema) {
        schema.initializeValidators();
        return schema;
    }

    /** The reasons a schema is refused, each prefixed with its path inside the schema; empty when it is fine. */
    public static List<String> problems(JsonNode schema) {
        List<String> out = new ArrayList<>();
        if (schema == null || !schema.isObject()) {
            out.add("$: a JSON Schema for spec must be an object");
            return out;
        }
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && !(dialect.isTextual() && dialect.asText().replaceAll("#$", "").equals(DRAFT_07))) {
            out.add("$.$schema: only draft-07 (" + DRAFT_07 + "#) is supported, the dialect of Backstage's kind"
                    + " schemas");
        }
        nonLocalRefs(schema, "$", out);
        if (out.isEmpty()) {
            META_SCHEMA.validate(schema).stream().sorted(Comparator.comparing(m -> m.getInstanceLocation().toString()))
                    .forEach(m -> out.add(m.getMessage()));
        }
        return out;
    }

    private static void nonLocalRefs(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path + "." + e.getKey();
                if (e.getKey().equals("$ref") && e.getValue().isTextual() && !e.getValue().asText().startsWith("#")) {
                    out.add(child + ": only references inside the schema (#/...) are allowed, not \""
                            + e.getValue().asText() + "\"");
                } else {
                    nonLocalRefs(e.getValue(), child, out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nonLocalRefs(node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /** A schema shipped with the catalog, on the classpath. */
    public static SpecSchema resource(String name) {
        try (InputStream in = SpecSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + name);
            }
            return compile(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations of {@code spec}, each with its JSON path from the entity's root ({@code $.spec...}). */
    public List<Violation> validate(JsonNode spec) {
        Set<ValidationMessage> messages = schema.validate(spec);
        // A failed oneOf/anyOf comes with one message per branch; they become one violation that lists them.
        Map<String, List<String>> alternatives = new TreeMap<>();
        for (ValidationMessage m : messages) {
            if (COMBINATORS.contains(m.getType())) {
                alternatives.put(m.getInstanceLocation().toString(), new ArrayList<>());
            }
        }
        List<Violation> out = new ArrayList<>();
        for (ValidationMessage m : messages) {
            String at = m.getInstanceLocation().toString();
            if (COMBINATORS.contains(m.getType())) {
                continue;
            }
            String combinator = alternatives.keySet().stream().filter(p -> at.equals(p) || at.startsWith(p + ".")
                    || at.startsWith(p + "[")).findFirst().orElse(null);
            String path = "$.spec" + at.substring(1);
            String message;
            if ("required".equals(m.getType()) && m.getProperty() != null) {
                path = path + "." + m.getProperty();
                message = "is required";
            } else {
                message = m.getMessage();
                // The library starts its messages with the instance path, which the violation already carries.
                if (message.startsWith(at + ": ")) {
                    message = message.substring(at.length() + 2);
                }
            }
            if (combinator != null) {
                alternatives.get(combinator).add(path + ": " + message);
            } else {
                out.add(new Violation(path, message));
            }
        }
        alternatives.forEach((at, reasons) -> out.add(new Violation("$.spec" + at.substring(1),
                "matches none of the allowed forms (" + String.join("; ", reasons.stream().sorted().toList()) + ")")));
        out.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        return out;
    }

    /** The schema as registered. */
    public JsonNode source() {
        return source.deepCopy();
    }
}
