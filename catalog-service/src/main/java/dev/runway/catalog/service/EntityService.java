package dev.runway.catalog.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.catalog.domain.CatalogEntity;
import dev.runway.catalog.domain.DescriptorValidator;
import dev.runway.catalog.domain.HistoryEntry;
import dev.runway.catalog.domain.JsonPatchDiff;
import dev.runway.catalog.domain.Relation;
import dev.runway.catalog.domain.ValidatedEntity;
import dev.runway.catalog.mapping.EntityMapper;
import dev.runway.catalog.policy.CatalogPolicy;
import dev.runway.catalog.policy.WriteGuard;
import dev.runway.catalog.repository.CustomKindRepository;
import dev.runway.catalog.repository.EntityRepository;
import dev.runway.catalog.repository.HistoryRepository;
import dev.runway.catalog.repository.RelationRepository;
import dev.runway.catalog.service.ImportResult.Outcome;
import dev.runway.common.audit.AuditEvent;
import dev.runway.common.audit.AuditTrail;
import dev.runway.common.catalog.EntityRef;
import dev.runway.common.error.CauseChain;
import dev.runway.common.error.ConflictException;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.PreconditionFailedException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.error.UnprocessableException;
import dev.runway.common.policy.Decision;
import dev.runway.common.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes to the catalog. Each write validates, asks the {@link CatalogPolicy}, stores the new version with its
 * filter columns, replaces the relations it emits, appends a history entry and an audit event — all in one
 * transaction. Deleted entities stay as tombstones: only an explicit create brings one back.
 */
@ApplicationScoped
public class EntityService {
    /** PostgreSQL's unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    private final EntityRepository entities;
    private final HistoryRepository history;
    private final RelationRepository relations;
    private final AuditTrail audit;
    private final CatalogPolicy policy;
    private final WriteGuard guard;
    private final EntityMapper mapper;
    private final KindRegistry kinds;
    private final CustomKindRepository customKinds;
    private final DescriptorValidator validator;

    public EntityService(EntityRepository entities, HistoryRepository history, RelationRepository relations,
            AuditTrail audit, CatalogPolicy policy, WriteGuard guard, EntityMapper mapper, KindRegistry kinds,
            CustomKindRepository customKinds) {
        this.kinds = kinds;
        this.customKinds = customKinds;
        this.validator = new DescriptorValidator(kinds);
        this.entities = entities;
        this.history = history;
        this.relations = relations;
        this.audit = audit;
        this.policy = policy;
        this.guard = guard;
        this.mapper = mapper;
    }

    /** A stored version and the ref it is stored under. */
    public record Written(StoredEntity entity, EntityRef ref) {
        public String etag() {
            return entity.etag();
        }
    }

    /** The verdict on every document, in the order sent; nothing is stored. */
    public List<DescriptorValidator.Result> validate(List<JsonNode> docs) {
        return docs.stream().map(validator::validate).toList();
    }

    @Transactional
    public Written create(Caller caller, JsonNode doc) {
        ValidatedEntity v = validOrThrow(doc);
        requireRegistered(v);
        String ref = v.ref().canonical();
        // Locked (rows before identities, as an import takes them): two re-registrations of one tombstone would
        // otherwise both write its next version. A ref never seen has no row to lock; the unique ref decides that
        // race below.
        CatalogEntity row = lockAll(List.of(ref)).get(ref);
        syncCallerIdentity(caller, Set.of(ref));
        if (row != null && !row.deleted()) {
            throw new ConflictException("Entity " + ref + " already exists; replace it with PUT and its ETag.");
        }
        authorize(caller, "catalog.entity.create", ref, null, v.owningRef(), true);
        try {
            row = store(caller, v, row, row == null ? "created" : "reregistered");
            return written(row);
        } catch (jakarta.persistence.PersistenceException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // Lost a race with a concurrent create of the same ref (unique ref). Only that: a connection lost in the
            // middle of the insert is a retryable 503, not a conflict the caller should resolve with PUT.
            throw new ConflictException("Entity " + ref + " was created concurrently; fetch it and retry with PUT.");
        }
    }

    @Transactional
    public Written replace(Caller caller, String kind, String namespace, String name, String ifMatch, JsonNode doc) {
        String ref = pathRef(kind, namespace, name);
        CatalogEntity row = lockLive(ref);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionFailedException("If-Match is required: send the ETag of the version you replace.");
        }
        checkIfMatch(row, ifMatch);
        ValidatedEntity v = validOrThrow(doc);
        requireRegistered(v);
        syncCallerIdentity(caller, Set.of(ref));
        if (!v.ref().canonical().equals(ref)) {
            throw new InvalidInputException("The descriptor names another entity than the path.", List.of(
                    new Problem.Violation("$.metadata.name", "must identify " + ref + " (kind, namespace, name)")));
        }
        authorize(caller, "catalog.entity.update", ref, row.owningRef(), v.owningRef(), false);
        if (mapper.parse(row.body).equals(v.body())) {
            return written(row);
        }
        return written(store(caller, v, row, "updated"));
    }

    @Transactional
    public void delete(Caller caller, String kind, String namespace, String name, String ifMatch) {
        String ref = pathRef(kind, namespace, name);
        CatalogEntity row = lockLive(ref);
        if (ifMatch != null && !ifMatch.isBlank()) {
            checkIfMatch(row, ifMatch);
        }
        authorize(caller, "catalog.entity.delete", ref, row.owningRef(), null, false);
        OffsetDateTime now = OffsetDateTime.now();
        CatalogEntity tombstone = row.copy();
        tombstone.deletedAt = now;
        tombstone.deletedBy = caller.username();
        tombstone.updatedAt = now;
        tombstone.updatedBy = caller.username();
        tombstone.version++;
        tombstone.etag = newEtag();
        WriteBatch batch = new WriteBatch(caller);
        batch.add(tombstone, "deleted",
                JsonPatchDiff.diff(mapper.parse(row.body), JsonNodeFactory.instance.objectNode()), List.of(),
                AuditTrail.Entry.success("catalog.entity.delete", ref, Map.of("version", tombstone.version)));
        batch.write();
    }

    /**
     * Upserts every document by ref. Atomic (the default): when any document is rejected nothing is stored (and
     * the answer is a 422 naming each rejected document). Not atomic: the accepted documents are stored and the
     * rejected ones reported with their index, ref and reasons, as Backstage's catalog processes each entity of a
     * file on its own. A dry run reports without storing either way.
     */
    @Transactional
    public ImportResult importAll(Caller caller, List<JsonNode> docs, boolean dryRun, boolean atomic) {
        ImportResult.Item[] verdicts = new ImportResult.Item[docs.size()];
        Map<String, Integer> seen = new HashMap<>();
        Map<Integer, Planned> plan = new LinkedHashMap<>();
        List<DescriptorValidator.Result> results = docs.stream().map(validator::validate).toList();
        Set<String> unregistered = results.stream().filter(DescriptorValidator.Result::valid)
                .map(DescriptorValidator.Result::entity).filter(v -> !v.kind().isBuiltin())
                .map(v -> v.kind().name()).distinct().sorted().filter(k -> !stillRegistered(k))
                .collect(Collectors.toSet());
        Map<String, CatalogEntity> existing = lockAll(results.stream().filter(DescriptorValidator.Result::valid)
                .map(r -> r.entity().ref().canonical()).distinct().toList());
        for (int i = 0; i < docs.size(); i++) {
            DescriptorValidator.Result result = results.get(i);
            if (!result.valid()) {
                verdicts[i] = new ImportResult.Item(i, null, Outcome.REJECTED, "invalid descriptor",
                        result.violations());
                continue;
            }
            ValidatedEntity v = result.entity();
            String ref = v.ref().canonical();
            if (unregistered.contains(v.kind().name())) {
                verdicts[i] = rejected(i, ref, "kind " + v.kind().name() + " is no longer registered");
                continue;
            }
            Integer first = seen.putIfAbsent(ref, i);
            if (first != null) {
                verdicts[i] = rejected(i, ref, "duplicate of document " + first + " in this request");
                continue;
            }
            CatalogEntity row = existing.get(ref);
            if (row != null && row.deleted()) {
                verdicts[i] = rejected(i, ref, "deleted, re-register explicitly (POST /api/v1/entities)");
                continue;
            }
            if (row != null && mapper.parse(row.body).equals(v.body())) {
                verdicts[i] = new ImportResult.Item(i, ref, Outcome.UNCHANGED, null, null);
                continue;
            }
            plan.put(i, new Planned(v, row, row == null ? Outcome.CREATED : Outcome.UPDATED));
        }
        // One round trip to the policy for all writes of the import, not one per document.
        List<Decision> decisions = policy.mayWriteAll(caller, plan.values().stream()
                .map(p -> new CatalogPolicy.WriteCheck(p.entity.ref().canonical(),
                        p.row == null ? null : p.row.owningRef(), p.entity.owningRef(), p.row == null))
                .toList());
        int d = 0;
        for (var it = plan.entrySet().iterator(); it.hasNext(); d++) {
            Map.Entry<Integer, Planned> e = it.next();
            Decision decision = decisions.get(d);
            String ref = e.getValue().entity.ref().canonical();
            if (decision.allowed()) {
                verdicts[e.getKey()] = new ImportResult.Item(e.getKey(), ref, e.getValue().outcome, null, null);
            } else {
                verdicts[e.getKey()] = rejected(e.getKey(), ref, "not permitted: " + decision.reason());
                it.remove();
            }
        }
        List<ImportResult.Item> items = List.of(verdicts);
        List<ImportResult.Item> rejected = items.stream().filter(it -> it.outcome() == Outcome.REJECTED).toList();
        if (!rejected.isEmpty() && !dryRun) {
            AuditTrail.Entry failure = new AuditTrail.Entry("catalog.entity.import", "catalog", AuditEvent.FAILURE,
                    rejected.size() + " of " + docs.size() + " documents rejected",
                    Map.of("rejected", rejected.stream().map(ImportResult.Item::index).toList()));
            if (!atomic) {
                audit.record(caller, failure);
            } else {
                QuarkusTransaction.requiringNew().run(() -> audit.record(caller, failure));
                List<Problem.Violation> violations = rejected.stream().flatMap(EntityService::importViolations)
                        .toList();
                throw new UnprocessableException(rejected.size() + " of " + docs.size()
                        + " documents were rejected; nothing was imported.", violations);
            }
        }
        if (!dryRun) {
            syncCallerIdentity(caller, seen.keySet());
            WriteBatch batch = new WriteBatch(caller);
            for (Planned p : plan.values()) {
                store(batch, p.entity, p.row, p.outcome == Outcome.CREATED ? "created" : "updated");
            }
            batch.write();
        }
        return new ImportResult(dryRun, items);
    }

    /**
     * Keeps the SSO directory in the catalog: the caller's teams become Group entities and the caller a User
     * entity (memberOf those teams) the first time a writer is seen, so {@code owner: payments} resolves to a
     * real team. Only missing entities are created; tombstones stay deleted, and existing entries are left to
     * their owners. Trusted without a policy check: the data comes from the verified token.
     */
    private void syncCallerIdentity(Caller caller, Set<String> writtenByRequest) {
        if (caller.isServiceAccount()) {
            return;
        }
        // Sorted, so that two writers sharing teams take their locks (ensureExists) in the same order.
        for (String team : caller.teams().stream().sorted().toList()) {
            ObjectNode group = JsonNodeFactory.instance.objectNode();
            group.put("apiVersion", "backstage.io/v1alpha1").put("kind", "Group");
            group.putObject("metadata").put("name", team)
                    .put("description", "Team from single sign-on");
            group.putObject("spec").put("type", "team").putArray("children");
            ensureExists(caller, group, writtenByRequest);
        }
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        user.put("apiVersion", "backstage.io/v1alpha1").put("kind", "User");
        user.putObject("metadata").put("name", caller.username());
        var memberOf = user.putObject("spec").putArray("memberOf");
        caller.teams().forEach(memberOf::add);
        ensureExists(caller, user, writtenByRequest);
    }

    private void ensureExists(Caller caller, ObjectNode doc, Set<String> skip) {
        DescriptorValidator.Result result = validator.validate(doc);
        if (!result.valid() || skip.contains(result.entity().ref().canonical())) {
            return;
        }
        String ref = result.entity().ref().canonical();
        if (entities.findByRef(ref).isPresent()) {
            return;
        }
        // Concurrent first writes of the same person or team: the loser waits here and then finds the row.
        entities.lockRef(ref);
        if (entities.findByRef(ref).isPresent()) {
            return;
        }
        store(caller, result.entity(), null, "created");
    }

    private record Planned(ValidatedEntity entity, CatalogEntity row, Outcome outcome) {
    }

    private static ImportResult.Item rejected(int index, String ref, String reason) {
        return new ImportResult.Item(index, ref, Outcome.REJECTED, reason, null);
    }

    private static Stream<Problem.Violation> importViolations(ImportResult.Item item) {
        String prefix = "$[" + item.index() + "]";
        if (item.violations() == null || item.violations().isEmpty()) {
            return Stream.of(new Problem.Violation(prefix, item.reason()));
        }
        return item.violations().stream().map(v -> new Problem.Violation(prefix + v.field().substring(1), v.message()));
    }

    /**
     * The rows of the writes of one request — entity versions, history, relations, audit events — written together
     * at the end: an import of 500 entities costs a handful of statements instead of a few thousand.
     */
    private final class WriteBatch {
        private final Caller caller;
        private final List<CatalogEntity> versions = new ArrayList<>();
        private final List<HistoryEntry> changes = new ArrayList<>();
        private final Map<String, List<Relation>> relationsByOrigin = new LinkedHashMap<>();
        private final List<AuditTrail.Entry> events = new ArrayList<>();

        WriteBatch(Caller caller) {
            this.caller = caller;
        }

        void add(CatalogEntity version, String action, JsonNode patch, List<Relation> emitted,
                AuditTrail.Entry event) {
            versions.add(version);
            HistoryEntry entry = new HistoryEntry();
            entry.entityId = version.id;
            entry.ref = version.ref;
            entry.version = version.version;
            entry.action = action;
            entry.actor = caller.username();
            entry.occurredAt = version.updatedAt;
            entry.patch = mapper.write(patch);
            changes.add(entry);
            relationsByOrigin.put(version.ref, emitted);
            events.add(event);
        }

        void write() {
            entities.writeAll(versions);
            history.appendAll(changes);
            relations.replaceAll(relationsByOrigin);
            audit.recordAll(caller, events);
        }
    }

    /** Stores one version and writes its relations and audit event right away. */
    private CatalogEntity store(Caller caller, ValidatedEntity v, CatalogEntity row, String action) {
        WriteBatch batch = new WriteBatch(caller);
        CatalogEntity stored = store(batch, v, row, action);
        batch.write();
        return stored;
    }

    /**
     * Adds a new version of {@code v} to the batch: a new row, or the next version of {@code row} (live or
     * tombstone), which itself stays as loaded.
     */
    private CatalogEntity store(WriteBatch batch, ValidatedEntity v, CatalogEntity row, String action) {
        Caller caller = batch.caller;
        OffsetDateTime now = OffsetDateTime.now();
        JsonNode before = row == null || row.deleted() ? JsonNodeFactory.instance.objectNode()
                : mapper.parse(row.body);
        if (row == null) {
            row = new CatalogEntity();
            row.id = UUID.randomUUID();
            row.ref = v.ref().canonical();
            row.createdAt = now;
            row.createdBy = caller.username();
        } else {
            row = row.copy();
        }
        row.kind = v.kind().name().toLowerCase(Locale.ROOT);
        row.namespace = v.ref().namespace().toLowerCase(Locale.ROOT);
        row.name = v.ref().name().toLowerCase(Locale.ROOT);
        row.type = lower(v.type());
        row.lifecycle = lower(v.lifecycle());
        row.ownerRef = v.ownerRef();
        row.systemRef = v.systemRef();
        row.tags = v.tags().toArray(String[]::new);
        JsonNode labels = v.body().path("metadata").path("labels");
        row.labels = labels.isObject() ? mapper.write(labels) : "{}";
        row.body = mapper.write(v.body());
        row.searchText = Stream.of(v.ref().name(), v.title(), v.description(), String.join(" ", v.tags()))
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(" "));
        row.etag = newEtag();
        row.version++;
        row.updatedAt = now;
        row.updatedBy = caller.username();
        row.deletedAt = null;
        row.deletedBy = null;
        batch.add(row, action, JsonPatchDiff.diff(before, v.body()), v.relations(),
                AuditTrail.Entry.success("catalog.entity." + (action.equals("created")
                        || action.equals("reregistered") ? "create" : "update"), row.ref,
                        Map.of("version", row.version, "change", action)));
        return row;
    }

    private Written written(CatalogEntity row) {
        return new Written(new StoredEntity(row.body, row.id.toString(), row.etag, relations.outgoing(row.ref)),
                EntityRef.parse(row.ref));
    }

    private void authorize(Caller caller, String action, String ref, String currentOwner, String newOwner,
            boolean isNew) {
        guard.require(caller, action, new CatalogPolicy.WriteCheck(ref, currentOwner, newOwner, isNew));
    }

    /**
     * Share-locks a custom kind's row until commit, so that the kind cannot be removed between this validation and
     * the entity's commit (removal locks the row exclusively, then counts the kind's entities).
     */
    private boolean stillRegistered(String kind) {
        return customKinds.lockShared(kind.toLowerCase(Locale.ROOT)).isPresent();
    }

    private void requireRegistered(ValidatedEntity v) {
        if (!v.kind().isBuiltin() && !stillRegistered(v.kind().name())) {
            throw new InvalidInputException("The entity's kind is no longer registered.", List.of(
                    new Problem.Violation("$.kind", "kind " + v.kind().name() + " is no longer registered")));
        }
    }

    private ValidatedEntity validOrThrow(JsonNode doc) {
        DescriptorValidator.Result result = validator.validate(doc);
        if (!result.valid()) {
            throw new InvalidInputException("The entity descriptor has " + result.violations().size()
                    + " violation(s).", result.violations());
        }
        return result.entity();
    }

    /** The rows (live or tombstone) of all refs, locked against concurrent writers, in one query. */
    private Map<String, CatalogEntity> lockAll(List<String> refs) {
        Map<String, CatalogEntity> rows = new HashMap<>();
        if (!refs.isEmpty()) {
            entities.find("ref in ?1", refs).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                    .forEach(e -> rows.put(e.ref, e));
        }
        return rows;
    }

    private CatalogEntity lockLive(String ref) {
        return entities.find("ref", ref).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .filter(e -> !e.deleted())
                .orElseThrow(() -> new ResourceNotFoundException("No entity " + ref + "."));
    }

    private static void checkIfMatch(CatalogEntity row, String ifMatch) {
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || unquote(tag).equals(row.etag)) {
                return;
            }
        }
        throw new PreconditionFailedException("The entity changed since you read it (current ETag \"" + row.etag
                + "\"); fetch it again and reapply your change.");
    }

    private static String unquote(String tag) {
        String t = tag.startsWith("W/") ? tag.substring(2) : tag;
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    /** Canonical ref from path segments. */
    private String pathRef(String kind, String namespace, String name) {
        return kinds.pathRef(kind, namespace, name);
    }

    private static boolean isUniqueViolation(Throwable e) {
        return CauseChain.contains(e,
                t -> t instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()));
    }

    private static String newEtag() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
