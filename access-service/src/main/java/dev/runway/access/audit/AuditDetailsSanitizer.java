package dev.runway.access.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Keeps secrets out of the audit log: removes, at any depth, every key that looks like it holds one, and NUL
 * characters that {@code jsonb} cannot store. The log is append-only, so a leaked secret could never be erased.
 */
public final class AuditDetailsSanitizer {
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|pwd|secret|token|credential|api[-_]?key|private[-_]?key|authorization|cookie).*");

    private AuditDetailsSanitizer() {
    }

    public static boolean looksSecret(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** Sanitizes {@code node} in place and returns it. */
    public static JsonNode sanitize(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (looksSecret(name) || name.indexOf('\0') >= 0) {
                    object.remove(name);
                } else {
                    object.set(name, sanitize(object.get(name)));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, sanitize(array.get(i)));
            }
        } else if (node instanceof TextNode text && text.textValue().indexOf('\0') >= 0) {
            return TextNode.valueOf(text.textValue().replace("\0", ""));
        }
        return node;
    }
}
