package dev.runway.catalog.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.catalog.backstage.BackstagePaths;
import dev.runway.catalog.config.CatalogConfig;
import dev.runway.catalog.domain.CatalogEntity;
import dev.runway.catalog.domain.KindDefinition;
import dev.runway.catalog.domain.HistoryEntry;
import dev.runway.catalog.domain.Relation;
import dev.runway.catalog.domain.RelationType;
import dev.runway.catalog.mapping.DescriptorReader;
import dev.runway.catalog.mapping.EntityMapper;
import dev.runway.catalog.repository.EntityFilter;
import dev.runway.catalog.repository.EntityRepository;
import dev.runway.catalog.repository.EntitySearchRepository;
import dev.runway.catalog.repository.EntitySearchRepository.Cursor;
import dev.runway.catalog.repository.EntitySearchRepository.Sort;
import dev.runway.catalog.repository.HistoryRepository;
import dev.runway.catalog.repository.RelationRepository;
import dev.runway.common.catalog.EntityRef;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.paging.KeysetCursor;

/** Reads: single entities with relations, history, filtered keyset pages, facets, graphs and YAML export. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class EntityQueryService {
    private static final int EXPORT_BATCH = 500;

    private final EntityRepository entities;
    private final HistoryRepository history;
    private final RelationRepository relations;
    private final EntitySearchRepository search;
    private final EntityMapper mapper;
    private final DescriptorReader reader;
    private final CatalogConfig config;
    private final KindRegistry kinds;

    public EntityQueryService(EntityRepository entities, HistoryRepository history, RelationRepository relations,
            EntitySearchRepository search, EntityMapper mapper, DescriptorReader reader, CatalogConfig config,
            KindRegistry kinds) {
        this.kinds = kinds;
        this.entities = entities;
        this.history = history;
        this.relations = relations;
        this.search = search;
        this.mapper = mapper;
        this.reader = reader;
        this.config = config;
    }

    /** One page of descriptors (projected when fields were asked for); {@code nextCursor} is null on the last. */
    public record Page(List<JsonNode> items, String nextCursor, int limit) {
    }

    /**
     * The relation graph around {@code root}: every ref it touches (in order of discovery) with whether a live entity
     * stands behind it, the edges, and whether the edge cap cut it short.
     */
    public record Graph(String root, int depth, Map<String, Boolean> nodes, List<Relation> edges, boolean truncated) {
    }

    public StoredEntity get(String kind, String namespace, String name) {
        String ref = kinds.pathRef(kind, namespace, name);
        RelationRepository.LiveEntity row = relations.liveWithRelations(ref)
                .orElseThrow(() -> new ResourceNotFoundException("No entity " + ref + "."));
        return new StoredEntity(row.body(), row.id(), row.etag(), row.relations());
    }

    /** History stays readable after a delete: the tombstone keeps it. */
    public List<HistoryEntry> history(String kind, String namespace, String name) {
        String ref = kinds.pathRef(kind, namespace, name);
        CatalogEntity row = entities.findByRef(ref)
                .orElseThrow(() -> new ResourceNotFoundException("No entity " + ref + "."));
        return history.forEntity(row.id);
    }

    public Page list(EntityCriteria query, String sortParam, String cursorParam, Integer limitParam,
            String fieldsParam) {
        int limit = limitParam == null ? config.defaultPageSize() : limitParam;
        if (limit < 1 || limit > config.maxPageSize()) {
            throw invalid("limit", "must be between 1 and " + config.maxPageSize());
        }
        Sort sort = sort(sortParam);
        Cursor cursor = decodeCursor(cursorParam, sort);
        List<String> fields = fieldsParam == null || fieldsParam.isBlank() ? List.of()
                : Arrays.stream(fieldsParam.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<EntitySearchRepository.Row> rows = search.page(filter(query), sort, cursor, limit + 1);
        boolean more = rows.size() > limit;
        List<EntitySearchRepository.Row> page = more ? rows.subList(0, limit) : rows;
        List<JsonNode> items = new ArrayList<>();
        for (EntitySearchRepository.Row r : page) {
            var node = mapper.withServerFields(r.body(), r.uid(), r.etag());
            items.add(fields.isEmpty() ? node : mapper.project(node, fields));
        }
        String next = null;
        if (more) {
            EntitySearchRepository.Row last = page.get(page.size() - 1);
            next = encodeCursor(sort, last.sortValue(), last.ref());
        }
        return new Page(items, next, limit);
    }

    /** How many live entities under the criteria carry each value of {@code field}, most frequent first. */
    public List<EntitySearchRepository.Facet> facets(String fieldParam, EntityCriteria query) {
        String field = BackstagePaths.runwayFacetField(fieldParam);
        if (field == null || !EntitySearchRepository.isFacetField(field)) {
            throw invalid("field", "must be one of kind, type, lifecycle, owner, namespace, system, tag (or their"
                    + " Backstage paths: spec.type, spec.lifecycle, spec.owner, relations.ownedBy, metadata.namespace,"
                    + " spec.system, metadata.tags)");
        }
        return search.facet(field, filter(query), config.maxPageSize());
    }

    public Graph graph(String kind, String namespace, String name, Integer depthParam, List<String> relationTypes) {
        int depth = depthParam == null ? 1 : depthParam;
        if (depth < 1 || depth > config.maxGraphDepth()) {
            throw invalid("depth", "must be between 1 and " + config.maxGraphDepth());
        }
        Set<RelationType> types = EnumSet.noneOf(RelationType.class);
        if (relationTypes == null || relationTypes.isEmpty()) {
            types.addAll(EnumSet.allOf(RelationType.class));
        } else {
            for (String t : relationTypes) {
                try {
                    types.add(RelationType.fromWire(t));
                } catch (IllegalArgumentException e) {
                    throw invalid("relation", "unknown relation type " + t);
                }
            }
        }
        CatalogEntity root = live(kinds.pathRef(kind, namespace, name));
        List<Relation> edges = relations.graph(root.ref, depth, types, config.maxGraphEdges() + 1);
        boolean truncated = edges.size() > config.maxGraphEdges();
        if (truncated) {
            edges = edges.subList(0, config.maxGraphEdges());
        }
        Set<String> refs = new LinkedHashSet<>();
        refs.add(root.ref);
        edges.forEach(e -> {
            refs.add(e.sourceRef());
            refs.add(e.targetRef());
        });
        Set<String> live = relations.live(refs);
        Map<String, Boolean> nodes = new LinkedHashMap<>();
        refs.forEach(r -> nodes.put(r, live.contains(r)));
        return new Graph(root.ref, depth, nodes, edges, truncated);
    }

    /** Every live entity under the filters, as multi-document YAML without server-generated fields. */
    public String export(EntityCriteria query) {
        EntityFilter filter = filter(query);
        List<JsonNode> docs = new ArrayList<>();
        Cursor cursor = null;
        while (true) {
            List<EntitySearchRepository.Row> rows = search.page(filter, Sort.NAME, cursor, EXPORT_BATCH);
            rows.forEach(r -> docs.add(mapper.parse(r.body())));
            if (rows.size() < EXPORT_BATCH) {
                break;
            }
            EntitySearchRepository.Row last = rows.get(rows.size() - 1);
            cursor = new Cursor(last.sortValue(), last.ref());
        }
        return reader.writeYaml(docs);
    }

    private CatalogEntity live(String ref) {
        return entities.findByRef(ref).filter(e -> !e.deleted())
                .orElseThrow(() -> new ResourceNotFoundException("No entity " + ref + "."));
    }

    EntityFilter filter(EntityCriteria q) {
        String kind = null;
        if (q.kind() != null) {
            KindDefinition k = kinds.anyCase(q.kind()).orElseThrow(() -> invalid("kind", "unknown kind " + q.kind()
                    + "; expected one of " + String.join(", ", kinds.names())));
            kind = k.name().toLowerCase(Locale.ROOT);
        }
        String labelKey = null;
        String labelValue = null;
        if (q.label() != null) {
            int eq = q.label().indexOf('=');
            if (eq <= 0) {
                throw invalid("label", "must be key=value");
            }
            labelKey = q.label().substring(0, eq);
            labelValue = q.label().substring(eq + 1);
        }
        return new EntityFilter(kind, lower(q.type()), ref(q.owner(), "Group", "owner"), lower(q.lifecycle()),
                lower(q.namespace()), q.tags() == null ? List.of() : q.tags(), labelKey, labelValue,
                ref(q.system(), "System", "system"), q.q());
    }

    private static String ref(String value, String defaultKind, String param) {
        if (value == null) {
            return null;
        }
        try {
            return EntityRef.parse(value, defaultKind, EntityRef.DEFAULT_NAMESPACE).canonical();
        } catch (IllegalArgumentException e) {
            throw invalid(param, e.getMessage());
        }
    }

    private static Sort sort(String value) {
        if (value == null || value.equals("name")) {
            return Sort.NAME;
        }
        return switch (value) {
            case "-name" -> Sort.NAME_DESC;
            case "updatedAt" -> Sort.UPDATED;
            case "-updatedAt" -> Sort.UPDATED_DESC;
            default -> throw invalid("sort", "must be one of name, -name, updatedAt, -updatedAt");
        };
    }

    /** Opaque to clients: the sort it belongs to (the list), the last row's sort value and ref. */
    private static String encodeCursor(Sort sort, String value, String ref) {
        return KeysetCursor.encode(sort.name(), value, ref);
    }

    private static Cursor decodeCursor(String cursor, Sort sort) {
        try {
            return KeysetCursor.decode(cursor, sort.name(), 2, key -> new Cursor(key.get(0), key.get(1)));
        } catch (KeysetCursor.Invalid e) {
            throw invalid("cursor", e.otherList() ? "does not belong to this sort order"
                    : "is not a cursor this API returned");
        }
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException("Invalid " + field + ": " + message + ".",
                List.of(new Problem.Violation(field, message)));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
