package dev.runway.catalog.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.catalog.domain.DescriptorValidator;
import dev.runway.catalog.domain.HistoryEntry;
import dev.runway.catalog.repository.EntitySearchRepository;
import dev.runway.catalog.repository.RelationRepository.StoredRelation;
import dev.runway.catalog.rest.dto.EntityPage;
import dev.runway.catalog.rest.dto.EntityView;
import dev.runway.catalog.rest.dto.FacetCounts;
import dev.runway.catalog.rest.dto.GraphView;
import dev.runway.catalog.rest.dto.HistoryView;
import dev.runway.catalog.rest.dto.ImportReport;
import dev.runway.catalog.rest.dto.ValidationReport;
import dev.runway.catalog.service.EntityQueryService;
import dev.runway.catalog.service.ImportResult;
import dev.runway.catalog.service.ImportResult.Outcome;
import dev.runway.catalog.service.StoredEntity;

/**
 * Stored bodies to JSON and back, and the services' results to API views: server-generated uid and etag are added
 * to the metadata on the way out.
 */
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

    public EntityView view(StoredEntity entity) {
        List<StoredRelation> relations = entity.relations();
        ObjectNode node = withServerFields(entity.body(), entity.uid(), entity.etag());
        List<EntityView.RelationView> rels = relations.stream()
                .map(r -> new EntityView.RelationView(r.type(), r.targetRef(), r.resolved())).toList();
        List<String> dangling = relations.stream().filter(r -> !r.resolved()).map(StoredRelation::targetRef)
                .distinct().toList();
        return new EntityView(node.path("apiVersion").asText(), node.path("kind").asText(), node.get("metadata"),
                node.get("spec"), rels, dangling);
    }

    public HistoryView history(HistoryEntry h) {
        return new HistoryView(h.version, h.action, h.actor, h.occurredAt, tree(h.patch));
    }

    public EntityPage page(EntityQueryService.Page page) {
        return new EntityPage(page.items(), page.nextCursor(), page.limit());
    }

    public FacetCounts facets(String field, List<EntitySearchRepository.Facet> facets) {
        return new FacetCounts(field, facets.stream().map(f -> new FacetCounts.FacetValue(f.value(), f.count()))
                .toList());
    }

    public GraphView graph(EntityQueryService.Graph graph) {
        return new GraphView(graph.root(), graph.depth(),
                graph.nodes().entrySet().stream().map(n -> new GraphView.Node(n.getKey(), n.getValue())).toList(),
                graph.edges().stream().map(e -> new GraphView.Edge(e.sourceRef(), e.type().wireName, e.targetRef()))
                        .toList(),
                graph.truncated());
    }

    public ValidationReport validationReport(List<DescriptorValidator.Result> results) {
        List<ValidationReport.DocumentVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            DescriptorValidator.Result result = results.get(i);
            verdicts.add(new ValidationReport.DocumentVerdict(i,
                    result.valid() ? result.entity().ref().canonical() : null, result.valid(),
                    result.valid() ? null : result.violations()));
        }
        return new ValidationReport(results.stream().allMatch(DescriptorValidator.Result::valid), verdicts);
    }

    public ImportReport importReport(ImportResult result) {
        List<ImportReport.Item> items = result.items().stream()
                .map(i -> new ImportReport.Item(i.index(), i.entityRef(), i.outcome().name().toLowerCase(Locale.ROOT),
                        i.reason(), i.violations()))
                .toList();
        return new ImportReport(result.dryRun(), !result.dryRun(), result.count(Outcome.CREATED),
                result.count(Outcome.UPDATED), result.count(Outcome.UNCHANGED), result.count(Outcome.REJECTED), items);
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
