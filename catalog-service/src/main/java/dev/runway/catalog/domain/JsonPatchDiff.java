package dev.runway.catalog.domain;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Computes an RFC 6902 JSON Patch turning one document into another. Objects are compared member by member;
 * arrays that differ are replaced whole, which keeps the patch correct and readable for descriptor-sized lists.
 */
public final class JsonPatchDiff {
    private JsonPatchDiff() {
    }

    public static ArrayNode diff(JsonNode from, JsonNode to) {
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        diff("", from, to, ops);
        return ops;
    }

    private static void diff(String path, JsonNode from, JsonNode to, ArrayNode ops) {
        if (from.equals(to)) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path + "/" + escape(e.getKey());
                if (!to.has(e.getKey())) {
                    ops.add(op("remove", child, null));
                } else {
                    diff(child, e.getValue(), to.get(e.getKey()), ops);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = to.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!from.has(e.getKey())) {
                    ops.add(op("add", path + "/" + escape(e.getKey()), e.getValue()));
                }
            }
            return;
        }
        ops.add(op("replace", path, to));
    }

    private static ObjectNode op(String op, String path, JsonNode value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("op", op).put("path", path);
        if (value != null) {
            node.set("value", value);
        }
        return node;
    }

    /** RFC 6901: "~" becomes "~0" and "/" becomes "~1". */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
