package dev.runway.catalog.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.catalog.domain.CustomKind;
import dev.runway.catalog.domain.KindDefinition;
import dev.runway.catalog.domain.KindLookup;
import dev.runway.catalog.repository.CustomKindRepository;
import dev.runway.common.audit.AuditTrail;
import dev.runway.common.error.ConflictException;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.security.Caller;

/**
 * The kinds the catalog holds: Backstage's built-in ones (read-only) and custom kinds that platform-admins declare
 * as data. Registering, changing and removing a kind are audited like every catalog write; a kind is removed only
 * once no live entity of it remains. A changed kind applies to the writes after it: stored entities are not
 * re-validated (as in Backstage, where a processor change shows on the next refresh of each entity).
 */
@ApplicationScoped
public class KindService {
    private final CustomKindRepository repository;
    private final KindRegistry registry;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final Event<KindsChanged> changes;

    public KindService(CustomKindRepository repository, KindRegistry registry, AuditTrail audit, ObjectMapper json,
            Event<KindsChanged> changes) {
        this.repository = repository;
        this.registry = registry;
        this.audit = audit;
        this.json = json;
        this.changes = changes;
    }

    /** A kind with, for a registered one, who last changed it. */
    public record Kind(KindDefinition definition, String description, int version, Instant updatedAt,
            String updatedBy) {
    }

    /** Built-in kinds first, then the registered ones by name; read from the database, not the cache. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Kind> list() {
        List<Kind> out = new ArrayList<>();
        KindLookup.BUILT_IN.all().values().forEach(k -> out.add(builtin(k)));
        repository.listAll(io.quarkus.panache.common.Sort.by("name")).forEach(row -> out.add(kind(row)));
        return out;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Kind get(String name) {
        KindDefinition builtin = KindLookup.BUILT_IN.anyCase(name).orElse(null);
        if (builtin != null) {
            return builtin(builtin);
        }
        return repository.findByIdOptional(key(name)).map(this::kind)
                .orElseThrow(() -> new ResourceNotFoundException("No kind " + name + "."));
    }

    /** Registers or replaces a custom kind; the answer says whether it was new. */
    @Transactional
    public Recorded put(Caller caller, String name, KindDraft draft) {
        refuseBuiltin(name);
        CustomKind row = repository.lockExclusive(key(name)).orElse(null);
        boolean created = row == null;
        if (created) {
            row = new CustomKind();
            row.name = key(name);
            row.wireName = name;
        } else if (!row.wireName.equals(name)) {
            throw new ConflictException("Kind " + row.wireName + " is registered with that spelling; kinds match"
                    + " case-sensitively in descriptors, so it cannot be renamed to " + name + ".");
        }
        row.description = draft.description();
        row.apiVersions = draft.apiVersions().toArray(String[]::new);
        row.specSchema = write(draft.specSchema().source());
        row.refFields = write(draft.refFields().stream().map(KindRegistry.StoredRefField::of).toList());
        row.version++;
        row.updatedAt = Instant.now();
        row.updatedBy = caller.username();
        if (created) {
            repository.persist(row);
        }
        audit.success(caller, "catalog.kind." + (created ? "create" : "update"), "kind:" + row.name,
                Map.of("version", row.version, "apiVersions", draft.apiVersions()));
        changes.fire(new KindsChanged(row.name));
        return new Recorded(kind(row), created);
    }

    /** Removes a custom kind; refused while live entities of it exist. */
    @Transactional
    public void delete(Caller caller, String name) {
        refuseBuiltin(name);
        // Locked first: entity writes of this kind share-lock the row, so none commits between the count and
        // the removal.
        CustomKind row = repository.lockExclusive(key(name))
                .orElseThrow(() -> new ResourceNotFoundException("No kind " + name + "."));
        long live = repository.liveEntities(row.name);
        if (live > 0) {
            throw new ConflictException("Kind " + row.wireName + " still has " + live + " entit"
                    + (live == 1 ? "y" : "ies") + "; delete them first.");
        }
        repository.delete(row);
        audit.success(caller, "catalog.kind.delete", "kind:" + row.name, Map.of("version", row.version));
        changes.fire(new KindsChanged(row.name));
    }

    /** A stored or replaced kind, and whether the write created it. */
    public record Recorded(Kind kind, boolean created) {
    }

    private static void refuseBuiltin(String name) {
        KindLookup.BUILT_IN.anyCase(name).ifPresent(k -> {
            throw new ConflictException(k.name() + " is a built-in kind; it cannot be registered, changed or"
                    + " removed.");
        });
    }

    private Kind kind(CustomKind row) {
        return new Kind(registry.definition(row), row.description, row.version, row.updatedAt, row.updatedBy);
    }

    private static Kind builtin(KindDefinition k) {
        return new Kind(k, null, 0, null, null);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write kind", e);
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
