package dev.runway.launcher.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a Kubernetes strategic merge patch, which kubectl sends for {@code apply}, {@code edit}, {@code patch} and
 * {@code set} on built-in kinds and which fabric8's CRUD store refuses. The API server knows each list's merge key
 * from the Go types; the sandbox reads it from the {@code $setElementOrder/<list>} directive that kubectl puts next to
 * every merged list it changes. A list that comes without one is replaced, as lists without merge key are.
 * Supported directives: {@code $setElementOrder}, {@code $patch: replace|delete}, {@code $retainKeys},
 * {@code $deleteFromPrimitiveList}.
 */
final class StrategicMergePatch {

    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";

    private StrategicMergePatch() {
    }

    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return withoutDirectives(patch);
        }
        if ("replace".equals(patch.path(PATCH).asText())) {
            return withoutDirectives(patch);
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
        JsonNode retainKeys = patch.get(RETAIN_KEYS);
        if (retainKeys != null && retainKeys.isArray()) {
            Set<String> retained = new HashSet<>();
            retainKeys.forEach(key -> retained.add(key.asText()));
            result.retain(retained);
        }
        Set<String> orderedLists = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.startsWith(SET_ELEMENT_ORDER)) {
                orderedLists.add(name.substring(SET_ELEMENT_ORDER.length()));
            } else if (name.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                String list = name.substring(DELETE_FROM_PRIMITIVE_LIST.length());
                if (result.get(list) instanceof ArrayNode current && !patch.has(SET_ELEMENT_ORDER + list)) {
                    result.set(list, without(current, value));
                }
            } else if (name.startsWith("$")) {
                continue;
            } else if (value.isNull()) {
                result.remove(name);
            } else if (value.isArray()) {
                result.set(name, mergeList(result.get(name), (ArrayNode) value, patch.get(SET_ELEMENT_ORDER + name)));
            } else if (value.isObject()) {
                result.set(name, apply(result.get(name), value));
            } else {
                result.set(name, value.deepCopy());
            }
        }
        // an order without elements: only the order changed, or elements were deleted
        for (String list : orderedLists) {
            if (!patch.has(list)) {
                result.set(list, mergeList(result.get(list), JsonNodeFactory.instance.arrayNode(),
                        patch.get(SET_ELEMENT_ORDER + list)));
            }
        }
        return result;
    }

    private static JsonNode mergeList(JsonNode current, ArrayNode patch, JsonNode order) {
        if (order == null || !order.isArray()) {
            return withoutDirectives(patch);
        }
        String mergeKey = mergeKey(order);
        if (mergeKey == null) {
            // a merged list of scalars: the order lists every element the result keeps
            return order.deepCopy();
        }
        Map<String, JsonNode> currentByKey = byKey(current, mergeKey);
        Map<String, JsonNode> patchByKey = byKey(patch, mergeKey);
        List<String> keys = new ArrayList<>();
        order.forEach(element -> keys.add(element.path(mergeKey).asText()));
        patchByKey.keySet().stream().filter(key -> !keys.contains(key)).forEach(keys::add);

        ArrayNode merged = JsonNodeFactory.instance.arrayNode();
        for (String key : keys) {
            JsonNode patchElement = patchByKey.get(key);
            if (patchElement != null && "delete".equals(patchElement.path(PATCH).asText())) {
                continue;
            }
            JsonNode currentElement = currentByKey.get(key);
            if (patchElement != null) {
                merged.add(apply(currentElement, patchElement));
            } else if (currentElement != null) {
                merged.add(currentElement.deepCopy());
            }
        }
        return merged;
    }

    /** {@code $setElementOrder} lists each element by its merge key alone: [{"name": "a"}, {"name": "b"}]. */
    private static String mergeKey(JsonNode order) {
        for (JsonNode element : order) {
            if (element.isObject()) {
                Iterator<String> names = element.fieldNames();
                while (names.hasNext()) {
                    String name = names.next();
                    if (!name.startsWith("$")) {
                        return name;
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, JsonNode> byKey(JsonNode list, String mergeKey) {
        Map<String, JsonNode> elements = new LinkedHashMap<>();
        if (list != null && list.isArray()) {
            list.forEach(element -> elements.put(element.path(mergeKey).asText(), element));
        }
        return elements;
    }

    private static ArrayNode without(ArrayNode list, JsonNode removed) {
        Set<JsonNode> unwanted = new HashSet<>();
        removed.forEach(unwanted::add);
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        list.forEach(element -> {
            if (!unwanted.contains(element)) {
                kept.add(element);
            }
        });
        return kept;
    }

    private static JsonNode withoutDirectives(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> {
                if (!field.getKey().startsWith("$")) {
                    copy.set(field.getKey(), withoutDirectives(field.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> {
                if (!"delete".equals(element.path(PATCH).asText())) {
                    copy.add(withoutDirectives(element));
                }
            });
            return copy;
        }
        return node.deepCopy();
    }
}
