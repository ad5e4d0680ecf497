package dev.runway.catalog.backstage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Backstage's dotted field paths against Runway's names for the same data, and Backstage's field projection. */
public final class BackstagePaths {
    /**
     * Paths whose values are exactly what a Runway facet field counts (and filters on). spec.owner is not among them:
     * Backstage matches the owner as written, Runway's owner field is the resolved ref, which is relations.ownedBy.
     */
    private static final Map<String, String> EXACT_FACETS = Map.of(
            "kind", "kind", "metadata.namespace", "namespace", "spec.type", "type", "spec.lifecycle", "lifecycle",
            "metadata.tags", "tag", "relations.ownedby", "owner");

    /** Runway's own facets also take the paths of the fields they resolve (spec.owner counts resolved owner refs). */
    private static final Map<String, String> RUNWAY_FACET_ALIASES = Map.of(
            "spec.owner", "owner", "spec.system", "system");

    private static final Map<String, String> COLUMNS = Map.of(
            "kind", "e.kind", "metadata.namespace", "e.namespace", "metadata.name", "e.name", "spec.type", "e.type",
            "spec.lifecycle", "e.lifecycle");

    private BackstagePaths() {
    }

    /** The Runway facet field a Backstage path (lower-cased) counts exactly, or null. */
    static String facetField(String path) {
        return EXACT_FACETS.get(path);
    }

    /** The lower-cased column holding a Backstage path, or null. */
    static String column(String path) {
        return COLUMNS.get(path);
    }

    /**
     * The field of Runway's own facets endpoint named by {@code field}: its own names (kind, type, ...) unchanged, a
     * Backstage path ({@code spec.lifecycle}, {@code metadata.tags}, {@code relations.ownedBy}) translated.
     */
    public static String runwayFacetField(String field) {
        if (field == null) {
            return null;
        }
        String path = field.toLowerCase(Locale.ROOT);
        String exact = EXACT_FACETS.get(path);
        return exact != null ? exact : RUNWAY_FACET_ALIASES.getOrDefault(path, field);
    }

    /**
     * Backstage's {@code fields}: only the given paths (and the subtrees under them) are kept. Paths descend through
     * objects only, as Backstage's do.
     */
    static ObjectNode project(JsonNode entity, List<String> fields) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String field : fields) {
            String[] parts = field.trim().split("\\.");
            JsonNode value = entity;
            for (int i = 0; i < parts.length && value != null; i++) {
                value = value.isObject() ? value.get(parts[i]) : null;
            }
            if (value == null) {
                continue;
            }
            ObjectNode target = out;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode existing = target.get(parts[i]);
                target = existing instanceof ObjectNode o ? o : target.putObject(parts[i]);
            }
            target.set(parts[parts.length - 1], value.deepCopy());
        }
        return out;
    }
}
