package dev.runway.catalog.backstage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.catalog.config.CatalogConfig;
import dev.runway.catalog.domain.DescriptorValidator;
import dev.runway.catalog.domain.KindDefinition;
import dev.runway.catalog.domain.KindLookup;
import dev.runway.catalog.domain.RelationType;
import dev.runway.catalog.repository.EntityFilter;
import dev.runway.catalog.repository.EntitySearchRepository;
import dev.runway.catalog.service.EntityService;
import dev.runway.common.catalog.EntityRef;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.paging.KeysetCursor;
import dev.runway.common.security.Caller;

/**
 * Backstage's catalog read API over Runway's catalog: filters, orderings, cursors and facets translated to Runway's
 * tables, entities handed out as JSON text in Backstage's shape. The one write, delete by uid, goes through
 * {@link EntityService#delete} with its policy check, history and audit event.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BackstageCatalogService {
    /** Backstage's default page size of /entities/by-query. */
    static final int DEFAULT_QUERY_LIMIT = 20;
    /** /entities without a limit answers every entity; it reads them in batches of this size. */
    private static final int BATCH = 1000;
    private static final String QUERY_CURSOR = "backstage.by-query";
    private static final String AFTER_CURSOR = "backstage.entities";

    private final BackstageEntityRepository repository;
    private final EntitySearchRepository search;
    private final EntityService entities;
    private final CatalogConfig config;
    private final ObjectMapper json;
    private final KindLookup kinds;

    public BackstageCatalogService(BackstageEntityRepository repository, EntitySearchRepository search,
            EntityService entities, CatalogConfig config, ObjectMapper json, KindLookup kinds) {
        this.kinds = kinds;
        this.repository = repository;
        this.search = search;
        this.entities = entities;
        this.config = config;
        this.json = json;
    }

    /** A page of /entities/by-query: the entities, the total under the query, and the cursors. */
    public record QueryPage(List<JsonNode> items, long totalItems, String nextCursor, String prevCursor) {
    }

    /** A page of /entities: the entities, and the cursor of the rest when a limit cut it short. */
    public record ListPage(List<JsonNode> items, String after) {
    }

    /** What a by-query cursor carries: the query it pages through, and where. */
    record QueryState(List<String> filter, List<String> orderField, String term, List<String> termFields,
            List<String> key, boolean backwards, Long totalItems) {
    }

    /** Facet values with counts; Backstage's {@code {value, count}}. */
    public record FacetValue(String value, long count) {
    }

    public ObjectNode byName(String kind, String namespace, String name) {
        String ref = (kind + ":" + namespace + "/" + name).toLowerCase(Locale.ROOT);
        return repository.byRef(ref).map(BackstageEntityRepository.Found::entity)
                .orElseThrow(() -> new ResourceNotFoundException("No entity named '" + name + "' found, with kind '"
                        + kind + "' in namespace '" + namespace + "'"));
    }

    public ObjectNode byUid(String uid) {
        return repository.byUid(uid).map(BackstageEntityRepository.Found::entity)
                .orElseThrow(() -> new ResourceNotFoundException("No entity with uid " + uid));
    }

    /** Deletes as Runway's DELETE does (policy, tombstone, history, audit); there is no second write path. */
    public void deleteByUid(Caller caller, String uid) {
        String ref = repository.refOfUid(uid)
                .orElseThrow(() -> new ResourceNotFoundException("No entity with uid " + uid));
        EntityRef r = EntityRef.parse(ref);
        entities.delete(caller, r.kind(), r.namespace(), r.name(), null);
    }

    /**
     * Runway registers entities directly (API, import), never by processing a Location entity that emits them, so no
     * entity has a processing parent: every entity is the root of its own ancestry.
     */
    public ObjectNode ancestryRoot(String kind, String namespace, String name) {
        return byName(kind, namespace, name);
    }

    /** The entities named by {@code refs}, in request order; null where none is live or the filter excludes it. */
    public List<JsonNode> byRefs(List<String> refs, List<String> filter, List<String> fields) {
        List<String> canonical = refs.stream().map(r -> EntityRef.tryParse(r, null, EntityRef.DEFAULT_NAMESPACE)
                .map(EntityRef::canonical).orElse(null)).toList();
        SqlParams p = new SqlParams();
        String where = BackstageSql.where(BackstageFilter.parse(filter), p);
        Map<String, JsonNode> found = new HashMap<>();
        repository.byRefs(canonical.stream().filter(r -> r != null).distinct().toList(), where, p)
                .forEach(f -> found.put(f.ref(), project(f.entity(), fields)));
        List<JsonNode> items = new ArrayList<>(refs.size());
        canonical.forEach(r -> items.add(r == null ? null : found.get(r)));
        return items;
    }

    public QueryPage query(List<String> filter, List<String> orderField, String term, List<String> termFields,
            String cursor, Integer limitParam, List<String> fields) {
        int limit = limitParam == null ? DEFAULT_QUERY_LIMIT : limitParam;
        if (limit < 0) {
            throw BackstageOrder.invalid("limit", "limit must be a non-negative integer");
        }
        // Larger pages are cut to Runway's page size; the cursor then carries the client through the rest.
        limit = Math.min(limit, config.maxPageSize());
        QueryState state = cursor == null || cursor.isBlank()
                ? new QueryState(nonNull(filter), nonNull(orderField), blankToNull(term), termFields(termFields),
                        null, false, null)
                : decodeQueryCursor(cursor);
        BackstageOrder order = BackstageOrder.ofOrderFields(state.orderField());
        SqlParams p = new SqlParams();
        String where = where(state, order, p);
        // Counted once, on the first page, in the page's own statement, and carried in the cursors (as Backstage
        // does).
        Long known = state.totalItems();
        if (limit == 0) {
            return new QueryPage(List.of(), known != null ? known : total(state, order), null, null);
        }
        String totalSql = known == null ? totalSql(state, order, p) : null;
        List<BackstageSql.SortPart> parts = order.sortParts(p);
        checkKey(state.key(), parts);
        BackstageEntityRepository.Counted counted = repository.page(where, p, parts, state.key(), state.backwards(),
                0, limit + 1, totalSql);
        List<BackstageEntityRepository.Found> rows = counted.found();
        long total = known != null ? known : counted.total() != null ? counted.total() : total(state, order);
        state = new QueryState(state.filter(), state.orderField(), state.term(), state.termFields(), state.key(),
                state.backwards(), total);
        boolean more = rows.size() > limit;
        List<BackstageEntityRepository.Found> page = new ArrayList<>(more ? rows.subList(0, limit) : rows);
        if (state.backwards()) {
            Collections.reverse(page);
        }
        String next = null;
        String prev = null;
        if (!page.isEmpty()) {
            boolean moreAfter = state.backwards() || more;
            boolean moreBefore = state.backwards() ? more : state.key() != null;
            if (moreAfter) {
                next = encode(state, page.get(page.size() - 1).sortKey(), false);
            }
            if (moreBefore) {
                prev = encode(state, page.get(0).sortKey(), true);
            }
        }
        return new QueryPage(page.stream().map(f -> project(f.entity(), fields)).toList(), total, next, prev);
    }

    /** Backstage's older list: every matching entity, or a page of them by offset, limit and {@code after}. */
    public ListPage list(List<String> filter, List<String> orderParams, Integer offsetParam, Integer limitParam,
            String after, List<String> fields) {
        if (offsetParam != null && offsetParam < 0) {
            throw BackstageOrder.invalid("offset", "offset must be a non-negative integer");
        }
        if (limitParam != null && limitParam < 0) {
            throw BackstageOrder.invalid("limit", "limit must be a non-negative integer");
        }
        BackstageOrder order = BackstageOrder.ofOrder(orderParams);
        SqlParams p = new SqlParams();
        String where = BackstageSql.where(BackstageFilter.parse(filter), p);
        List<BackstageSql.SortPart> parts = order.sortParts(p);
        List<String> key = decodeAfter(after, order);
        checkKey(key, parts);
        int offset = key == null && offsetParam != null ? offsetParam : 0;
        // Without a limit Backstage answers every entity (read here in batches); a limit is cut to Runway's page size,
        // and the Link header leads on from there.
        int wanted = limitParam == null ? Integer.MAX_VALUE : Math.min(limitParam, config.maxPageSize());
        List<JsonNode> items = new ArrayList<>();
        List<String> last = key;
        boolean more = false;
        while (items.size() < wanted) {
            int batch = (int) Math.min(BATCH, (long) wanted - items.size() + 1);
            List<BackstageEntityRepository.Found> rows = repository.page(where, p, parts, last, false,
                    last == null ? offset : 0, batch);
            int take = Math.min(rows.size(), wanted - items.size());
            for (int i = 0; i < take; i++) {
                items.add(project(rows.get(i).entity(), fields));
                last = rows.get(i).sortKey();
            }
            if (rows.size() > take) {
                more = true;
                break;
            }
            if (rows.size() < batch) {
                break;
            }
        }
        String next = more && last != null ? KeysetCursor.encode(AFTER_CURSOR, write(Map.of("order",
                orderSignature(order), "key", last))) : null;
        return new ListPage(items, next);
    }

    public Map<String, List<FacetValue>> facets(List<String> facetParams, List<String> filterParams) {
        if (facetParams == null || facetParams.isEmpty()) {
            throw BackstageOrder.invalid("facet", "Missing facet parameter");
        }
        BackstageFilter filter = BackstageFilter.parse(filterParams);
        EntityFilter runwayFilter = asRunwayFilter(filter);
        Map<String, List<FacetValue>> out = new LinkedHashMap<>();
        for (String facet : facetParams) {
            String key = facet.trim().toLowerCase(Locale.ROOT);
            String runwayField = BackstagePaths.facetField(key);
            List<FacetValue> values;
            if (runwayFilter != null && runwayField != null) {
                // Same query as Runway's own facets (maintained counts for the whole catalog or one kind).
                values = search.facet(runwayField, runwayFilter, Integer.MAX_VALUE).stream()
                        .map(f -> new FacetValue(f.value(), f.count())).toList();
            } else {
                values = scannedFacet(key, filter);
            }
            out.put(facet, key.equals("kind") ? values.stream().map(v -> new FacetValue(kindName(v.value()),
                    v.count())).toList() : values);
        }
        return out;
    }

    /** Backstage's verdict on a descriptor, from Runway's validator: empty when valid, else one message per rule. */
    public List<String> validate(JsonNode entity) {
        DescriptorValidator.Result result = entities.validate(List.of(entity)).get(0);
        return result.valid() ? List.of()
                : result.violations().stream().map(v -> v.field() + ": " + v.message()).toList();
    }

    /** Backstage's refresh re-reads an entity from its source; Runway's entities have none, so the stored one is current. */
    public void refresh(String entityRef) {
        EntityRef ref;
        try {
            ref = EntityRef.parse(entityRef);
        } catch (IllegalArgumentException e) {
            throw BackstageOrder.invalid("entityRef", e.getMessage());
        }
        if (repository.byRef(ref.canonical()).isEmpty()) {
            throw new ResourceNotFoundException("No entity " + ref.canonical());
        }
    }

    /**
     * The number of entities under the query. A filter Runway's own list can express is counted from the counts
     * Runway keeps up to date per kind and facet value (V5__facet_counts.sql) when it names at most a kind and one
     * value (a team's components: one lookup, not a count of its thousands of rows), else as the sum of its kind
     * facet; any other filter is counted in SQL. The answer is a scalar SQL expression with its own parameters in
     * {@code p}, so that it can join the page's statement or stand alone.
     */
    private String totalSql(QueryState state, BackstageOrder order, SqlParams p) {
        EntityFilter runwayFilter = state.term() == null ? asRunwayFilter(BackstageFilter.parse(state.filter())) : null;
        if (runwayFilter == null) {
            return BackstageEntityRepository.countSql(where(state, order, p));
        }
        String kept = search.maintainedCountSql(runwayFilter, p::add);
        if (kept != null) {
            return kept;
        }
        // Already a number (summed from Runway's own facet query): a literal, never a value from the request.
        return String.valueOf(search.facet("kind", runwayFilter, Integer.MAX_VALUE).stream()
                .mapToLong(EntitySearchRepository.Facet::count).sum());
    }

    /** The total in a statement of its own, where no page is read (limit 0, or a page past the last row). */
    private long total(QueryState state, BackstageOrder order) {
        SqlParams p = new SqlParams();
        return repository.scalar(totalSql(state, order, p), p);
    }

    private List<FacetValue> scannedFacet(String key, BackstageFilter filter) {
        SqlParams p = new SqlParams();
        String where = BackstageSql.where(filter, p);
        List<Object[]> rows;
        String column = BackstagePaths.column(key);
        if (column != null) {
            rows = repository.columnFacet(column, where, p);
        } else if (key.equals("metadata.tags")) {
            rows = repository.tagFacet(where, p);
        } else if (key.startsWith("relations.")) {
            RelationType type = BackstageSql.relationType(key.substring("relations.".length()));
            rows = type == null ? List.of() : type == RelationType.OWNED_BY
                    ? repository.columnFacet("e.owner_ref", where, p)
                    : repository.relationFacet(type.wireName, where, p);
        } else {
            rows = repository.documentFacet(key, where, p);
        }
        return rows.stream().map(r -> new FacetValue((String) r[0], ((Number) r[1]).longValue())).toList();
    }

    /**
     * The filter as Runway's own list and facets take it, when it is one: a single set of single-valued conditions on
     * kind, namespace, type, lifecycle, one tag and owner. Otherwise null.
     */
    private static EntityFilter asRunwayFilter(BackstageFilter filter) {
        if (filter.sets().size() > 1) {
            return null;
        }
        Map<String, String> v = new HashMap<>();
        for (BackstageFilter.Condition c : filter.matchesAll() ? List.<BackstageFilter.Condition>of()
                : filter.sets().get(0)) {
            if (c.values().size() != 1 || BackstagePaths.facetField(c.key()) == null) {
                return null;
            }
            v.put(BackstagePaths.facetField(c.key()), c.values().get(0));
        }
        return new EntityFilter(v.get("kind"), v.get("type"), v.get("owner"), v.get("lifecycle"), v.get("namespace"),
                v.containsKey("tag") ? List.of(v.get("tag")) : List.of(), null, null, null, null);
    }

    /** A kind as its definition spells it (built-in or registered), since the kind column is lower-cased. */
    private String kindName(String lowerCased) {
        return kinds.anyCase(lowerCased).map(KindDefinition::name).orElse(lowerCased);
    }

    private String where(QueryState state, BackstageOrder order, SqlParams p) {
        String where = BackstageSql.where(BackstageFilter.parse(state.filter()), p);
        if (state.term() == null) {
            return where;
        }
        List<String> fields = state.termFields().isEmpty()
                ? List.of(order.fields().isEmpty() ? "metadata.uid" : order.fields().get(0).path())
                : state.termFields();
        return where + " AND " + BackstageSql.fullText(state.term().trim(), fields, p);
    }

    private JsonNode project(ObjectNode entity, List<String> fields) {
        return fields == null || fields.isEmpty() ? entity : BackstagePaths.project(entity, fields);
    }

    private String encode(QueryState state, List<String> key, boolean backwards) {
        return KeysetCursor.encode(QUERY_CURSOR, write(new QueryState(state.filter(), state.orderField(), state.term(),
                state.termFields(), key, backwards, state.totalItems())));
    }

    private QueryState decodeQueryCursor(String cursor) {
        try {
            QueryState s = KeysetCursor.decode(cursor, QUERY_CURSOR, 1, parts -> read(parts.get(0), QueryState.class));
            // Absent lists read as empty, so that a hand-made cursor is refused or answered, never a 500.
            return new QueryState(nonNull(s.filter()), nonNull(s.orderField()), blankToNull(s.term()),
                    nonNull(s.termFields()), s.key(), s.backwards(), s.totalItems());
        } catch (KeysetCursor.Invalid e) {
            throw BackstageOrder.invalid("cursor", "Malformed cursor: not one this API returned");
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> decodeAfter(String after, BackstageOrder order) {
        Map<String, Object> state;
        try {
            state = KeysetCursor.decode(after, AFTER_CURSOR, 1, parts -> read(parts.get(0), Map.class));
        } catch (KeysetCursor.Invalid e) {
            throw BackstageOrder.invalid("after", "Malformed after cursor: not one this API returned");
        }
        if (state == null) {
            return null;
        }
        if (!orderSignature(order).equals(state.get("order")) || !(state.get("key") instanceof List<?>)) {
            throw BackstageOrder.invalid("after", "The after cursor belongs to another order");
        }
        return (List<String>) state.get("key");
    }

    private static String orderSignature(BackstageOrder order) {
        return String.join(";", order.fields().stream().map(f -> (f.descending() ? "desc:" : "asc:") + f.path())
                .toList());
    }

    /** A key that does not fit the ordering (a tampered cursor) is refused rather than failing in SQL. */
    private static void checkKey(List<String> key, List<BackstageSql.SortPart> parts) {
        if (key == null) {
            return;
        }
        boolean fits = key.size() == parts.size();
        for (int i = 0; fits && i < parts.size(); i++) {
            fits = key.get(i) != null && (!parts.get(i).integer() || key.get(i).matches("[01]"));
        }
        if (!fits) {
            throw BackstageOrder.invalid("cursor", "Malformed cursor: not one this API returned");
        }
    }

    private static List<String> termFields(List<String> params) {
        if (params == null) {
            return List.of();
        }
        return params.stream().flatMap(s -> Arrays.stream(s.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    private static List<String> nonNull(List<String> l) {
        return l == null ? List.of() : l.stream().filter(x -> x != null).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }
}
