package dev.runway.catalog.mapping;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.catalog.repository.RelationRepository.StoredRelation;
import dev.runway.catalog.rest.dto.EntityView;

/** Stored bodies to API views: server-generated uid and etag are added to the metadata on the way out. */
@ApplicationScoped
public class EntityMapper {
    private final ObjectMapper json;

    public EntityMapper(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode parse(String body) {
        try {
            return (ObjectNode) json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored entity body is not JSON", e);
        }
    }

    public JsonNode tree(String jsonText) {
        try {
            return json.readTree(jsonText);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not parseable", e);
        }
    }

    public String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize entity body", e);
        }
    }

    /** The descriptor with uid and etag in its metadata, as list items and exports carry it. */
    public ObjectNode withServerFields(String body, String uid, String etag) {
        ObjectNode node = parse(body);
        ObjectNode metadata = (ObjectNode) node.get("metadata");
        metadata.put("uid", uid);
        metadata.put("etag", etag);
        return node;
    }

    public EntityView view(String body, String uid, String etag, List<StoredRelation> relations) {
        ObjectNode node = withServerFields(body, uid, etag);
        List<EntityView.RelationView> rels = relations.stream()
                .map(r -> new EntityView.RelationView(r.type(), r.targetRef(), r.resolved())).toList();
        List<String> dangling = relations.stream().filter(r -> !r.resolved()).map(StoredRelation::targetRef)
                .distinct().toList();
        return new EntityView(node.path("apiVersion").asText(), node.path("kind").asText(), node.get("metadata"),
                node.get("spec"), rels, dangling);
    }

    /**
     * Keeps only the requested dot-separated paths ({@code metadata.name,spec.owner}); kind and metadata.name
     * are always kept so every item stays identifiable.
     */
    public ObjectNode project(ObjectNode node, List<String> fields) {
        ObjectNode out = json.createObjectNode();
        copy(node, out, "kind");
        copy(node, out, "metadata.namespace");
        copy(node, out, "metadata.name");
        for (String field : fields) {
            copy(node, out, field);
        }
        return out;
    }

    private static void copy(JsonNode from, ObjectNode to, String path) {
        String[] parts = path.split("\\.");
        JsonNode source = from;
        ObjectNode target = to;
        for (int i = 0; i < parts.length; i++) {
            source = source.get(parts[i]);
            if (source == null) {
                return;
            }
            if (i == parts.length - 1) {
                target.set(parts[i], source.deepCopy());
            } else {
                JsonNode existing = target.get(parts[i]);
                target = existing instanceof ObjectNode o ? o : target.putObject(parts[i]);
            }
        }
    }
}
