package dev.runway.catalog.service;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.catalog.config.CatalogConfig;
import dev.runway.catalog.domain.CustomKind;
import dev.runway.catalog.domain.EntityKind;
import dev.runway.catalog.domain.KindDefinition;
import dev.runway.catalog.domain.KindLookup;
import dev.runway.catalog.domain.RelationType;
import dev.runway.catalog.domain.SpecSchema;
import dev.runway.catalog.repository.CustomKindRepository;
import dev.runway.common.catalog.EntityRef;
import dev.runway.common.error.ResourceNotFoundException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The kinds this replica honours: the built-in ones and the registered ones, cached but read through from the
 * database. A snapshot older than {@code runway.catalog.kinds-refresh} (2 s by default) is reloaded on next use,
 * so a kind registered, changed or removed on another replica is honoured here within that bound; this replica's
 * own changes drop the snapshot as soon as they commit. Compiled schemas are kept across reloads while a kind's
 * version is unchanged.
 */
@ApplicationScoped
public class KindRegistry implements KindLookup {
    private static final TypeReference<List<StoredRefField>> REF_FIELDS = new TypeReference<>() {
    };

    private final CustomKindRepository repository;
    private final ObjectMapper json;
    private final long refreshNanos;
    private volatile Snapshot snapshot;

    /** A reference field as stored in {@code entity_kind.ref_fields}. */
    public record StoredRefField(String field, String relation, String defaultKind, boolean array) {

        public EntityKind.RefField toDomain() {
            return new EntityKind.RefField(field, defaultKind, RelationType.fromWire(relation), array);
        }

        public static StoredRefField of(EntityKind.RefField f) {
            return new StoredRefField(f.field(), f.relation().wireName, f.defaultKind(), f.array());
        }
    }

    private record Compiled(int version, KindDefinition definition) {
    }

    private record Snapshot(long loadedAt, Map<String, KindDefinition> kinds, Map<String, Compiled> custom) {
    }

    public KindRegistry(CustomKindRepository repository, ObjectMapper json, CatalogConfig config) {
        this.repository = repository;
        this.json = json;
        this.refreshNanos = config.kindsRefresh().toNanos();
    }

    @Override
    public Map<String, KindDefinition> all() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.loadedAt() > refreshNanos) {
            s = reload(s);
        }
        return s.kinds();
    }

    /** The registered kinds only, by lower-cased name. */
    public Map<String, KindDefinition> custom() {
        Map<String, KindDefinition> out = new LinkedHashMap<>(all());
        KindLookup.BUILT_IN.all().keySet().forEach(out::remove);
        return out;
    }

    /** The canonical ref a URL path names; a kind nobody registered names no entity (404). */
    public String pathRef(String kind, String namespace, String name) {
        KindDefinition k = anyCase(kind).orElseThrow(() -> new ResourceNotFoundException("No entity kind " + kind
                + "; kinds are " + String.join(", ", names()) + "."));
        return new EntityRef(k.name(), namespace, name).canonical();
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) KindsChanged event) {
        snapshot = null;
    }

    private synchronized Snapshot reload(Snapshot seen) {
        Snapshot current = snapshot;
        if (current != null && current != seen && System.nanoTime() - current.loadedAt() <= refreshNanos) {
            return current; // another thread reloaded meanwhile
        }
        Map<String, Compiled> previous = current == null ? Map.of() : current.custom();
        List<CustomKind> rows = QuarkusTransaction.joiningExisting().call(
                () -> repository.listAll(io.quarkus.panache.common.Sort.by("name")));
        Map<String, KindDefinition> kinds = new LinkedHashMap<>(KindLookup.BUILT_IN.all());
        Map<String, Compiled> custom = new HashMap<>();
        for (CustomKind row : rows) {
            Compiled known = previous.get(row.name);
            Compiled compiled = known != null && known.version() == row.version ? known
                    : new Compiled(row.version, definition(row));
            custom.put(row.name, compiled);
            kinds.put(row.name, compiled.definition());
        }
        Snapshot next = new Snapshot(System.nanoTime(), Collections.unmodifiableMap(kinds), custom);
        snapshot = next;
        return next;
    }

    /** The definition a stored row declares; rows were validated when written. */
    public KindDefinition definition(CustomKind row) {
        try {
            List<EntityKind.RefField> fields = json.readValue(row.refFields, REF_FIELDS).stream()
                    .map(StoredRefField::toDomain).toList();
            return new KindDefinition(row.wireName, List.of(row.apiVersions), fields,
                    SpecSchema.compile(json.readTree(row.specSchema)), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored kind " + row.name + " is not readable", e);
        }
    }

}
