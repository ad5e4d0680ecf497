package dev.runway.catalog.mapping;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;

/**
 * Reads descriptors from a request body: JSON (one object or an array of them) or YAML (one or more documents
 * separated by {@code ---}, as in a {@code catalog-info.yaml}). Empty YAML documents are skipped.
 */
@ApplicationScoped
public class DescriptorReader {
    /**
     * SnakeYAML's limits, stated rather than inherited: aliases to collections are how a few hundred bytes expand
     * into gigabytes (billion laughs), and no descriptor nests deeper than a few levels. The code point limit
     * follows the request body limit (8M) so a large import is not refused by the parser after HTTP accepted it.
     */
    static final int MAX_ALIASES = 50;
    static final int MAX_NESTING = 50;
    // The builder does not start from YAMLFactory's default parser features: an empty document (a trailing ---)
    // must still read as null, and so be skipped, as with the default factory.
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder().loaderOptions(loaderOptions())
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build());
    private final ObjectMapper json;

    public DescriptorReader(ObjectMapper json) {
        this.json = json;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(8 * 1024 * 1024);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    public static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase().contains("json");
    }

    public List<JsonNode> read(String body, String contentType) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("The request body is empty.",
                    List.of(new Problem.Violation("$", "at least one entity descriptor is required")));
        }
        List<JsonNode> docs = new ArrayList<>();
        try {
            if (isJson(contentType)) {
                JsonNode node = json.readTree(body);
                if (node.isArray()) {
                    node.forEach(docs::add);
                } else {
                    docs.add(node);
                }
            } else {
                try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(body)) {
                    while (it.hasNextValue()) {
                        JsonNode doc = it.nextValue();
                        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                            docs.add(doc);
                        }
                    }
                }
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidInputException("Malformed " + (isJson(contentType) ? "JSON" : "YAML") + where + ".",
                    List.of(new Problem.Violation("$", "not parseable" + where)));
        } catch (IOException e) {
            throw new InvalidInputException("The request body could not be read.");
        }
        if (docs.isEmpty()) {
            throw new InvalidInputException("The request body holds no document.",
                    List.of(new Problem.Violation("$", "at least one entity descriptor is required")));
        }
        return docs;
    }

    /** Multi-document YAML in the catalog-info.yaml format. */
    public String writeYaml(List<? extends JsonNode> docs) {
        StringBuilder sb = new StringBuilder();
        try {
            for (JsonNode doc : docs) {
                sb.append(YAML.writeValueAsString(doc));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render YAML", e);
        }
        return sb.toString();
    }
}
