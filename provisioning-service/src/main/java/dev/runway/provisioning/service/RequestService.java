package dev.runway.provisioning.service;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.common.error.ConflictException;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.NotPermittedException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.error.UnprocessableException;
import dev.runway.common.error.UpstreamUnavailableException;
import dev.runway.common.policy.Decision;
import dev.runway.provisioning.config.ProvisioningConfig;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.domain.RequestState;
import dev.runway.provisioning.driver.DatabaseDriver;
import dev.runway.provisioning.driver.DatabaseNames;
import dev.runway.provisioning.driver.ExternalFailure;
import dev.runway.provisioning.kubernetes.ClusterGateway;
import dev.runway.provisioning.policy.Caller;
import dev.runway.provisioning.policy.ProvisioningPolicy;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;
import dev.runway.provisioning.rest.dto.ComponentRef;
import dev.runway.provisioning.rest.dto.DatabaseRequestBody;
import dev.runway.provisioning.rest.dto.EnvironmentRequestBody;
import dev.runway.provisioning.template.Template;
import dev.runway.provisioning.template.TemplateCatalog;

/** Accepts, lists, approves, extends and deletes requests; the reconciler does the work in the world. */
@ApplicationScoped
public class RequestService {
    private final ProvisioningRequestRepository requests;
    private final TemplateCatalog templates;
    private final ProvisioningPolicy policy;
    private final ProvisioningConfig config;
    private final Lifecycle lifecycle;
    private final Event<RequestChanged> changed;
    private final ClusterGateway cluster;

    public RequestService(ProvisioningRequestRepository requests, TemplateCatalog templates,
            ProvisioningPolicy policy, ProvisioningConfig config, Lifecycle lifecycle,
            Event<RequestChanged> changed, ClusterGateway cluster) {
        this.requests = requests;
        this.templates = templates;
        this.policy = policy;
        this.config = config;
        this.lifecycle = lifecycle;
        this.changed = changed;
        this.cluster = cluster;
    }

    /** The accepted request, and whether this call created it (false: an Idempotency-Key retry). */
    public record Accepted(ProvisioningRequest request, boolean created) {
    }

    @Transactional
    public Accepted requestEnvironment(Caller caller, EnvironmentRequestBody body, String idempotencyKey) {
        Optional<ProvisioningRequest> first = firstResult(caller, idempotencyKey, RequestKind.ENVIRONMENT);
        if (first.isPresent()) {
            return new Accepted(first.get(), false);
        }
        require(policy.mayRequest(caller, RequestKind.ENVIRONMENT, body.team(), body.template()),
                "you may not request environments for team '" + body.team() + "'");
        List<Problem.Violation> violations = new ArrayList<>();
        Template template = template(body.template(), Template.Kind.ENVIRONMENT, "$.template", violations);
        Map<String, Object> parameters = template == null ? Map.of()
                : templates.resolve(template, body.parameters(), violations);
        Duration ttl = template == null ? null : ttl(template, body.ttl(), "$.ttl", violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the request is invalid", violations);
        }
        int cpu = ((Number) parameters.get("cpuMillis")).intValue();
        int memory = ((Number) parameters.get("memoryMiB")).intValue();
        String namespace = body.team() + "-" + body.name();

        requests.lock("team:" + body.team());
        List<ProvisioningRequest> live = requests.live(body.team(), RequestKind.ENVIRONMENT);
        if (live.size() >= config.quota().environments()) {
            throw new ConflictException("team '" + body.team() + "' already has " + live.size()
                    + " environments, its quota is " + config.quota().environments());
        }
        checkResourceQuota(body.team(), cpu, memory);
        if (requests.physicalNameTaken(RequestKind.ENVIRONMENT, namespace)) {
            throw new ConflictException("an environment named '" + body.name() + "' already exists for team '"
                    + body.team() + "'");
        }
        Instant now = Instant.now();
        ProvisioningRequest r = newRequest(RequestKind.ENVIRONMENT, body.name(), body.team(), template, parameters,
                caller, idempotencyKey, now);
        r.cpuMillis = cpu;
        r.memoryMib = memory;
        r.physicalName = namespace;
        r.namespace = namespace;
        r.component = ComponentRef.normalize(body.component());
        r.expiresAt = ttl == null ? null : now.plus(ttl);
        return new Accepted(accept(r, caller, now), true);
    }

    @Transactional
    public Accepted requestDatabase(Caller caller, DatabaseRequestBody body, String idempotencyKey) {
        Optional<ProvisioningRequest> first = firstResult(caller, idempotencyKey, RequestKind.DATABASE);
        if (first.isPresent()) {
            return new Accepted(first.get(), false);
        }
        require(policy.mayRequest(caller, RequestKind.DATABASE, body.team(), null),
                "you may not request databases for team '" + body.team() + "'");
        List<Problem.Violation> violations = new ArrayList<>();
        Template template = template(body.engine(), Template.Kind.DATABASE, "$.engine", violations);
        Map<String, Object> parameters = Map.of();
        if (template != null) {
            ObjectNode given = JsonNodeFactory.instance.objectNode();
            if (body.plan() != null) {
                given.put("plan", body.plan());
            }
            List<Problem.Violation> planViolations = new ArrayList<>();
            parameters = templates.resolve(template, given, planViolations);
            planViolations.forEach(v -> violations.add(new Problem.Violation(
                    v.field().replace("$.parameters.plan", "$.plan"), v.message())));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the request is invalid", violations);
        }
        if (!templates.available(template)) {
            throw new UnprocessableException(DatabaseDriver.noServer(template.id()),
                    List.of(new Problem.Violation("$.engine", DatabaseDriver.noServer(template.id()))));
        }
        Template.Plan plan = template.plans().get((String) parameters.get("plan"));
        ProvisioningRequest environment = requests.findByIdOptional(body.environment())
                .filter(e -> e.kind == RequestKind.ENVIRONMENT && e.team.equals(body.team())
                        && e.desired == ProvisioningRequest.Desired.PRESENT && !RequestState.GONE.contains(e.state))
                .orElseThrow(() -> new UnprocessableException("no live environment of team '" + body.team()
                        + "' with this id", List.of(new Problem.Violation("$.environment",
                                "must be a live environment of the same team"))));
        String physical = DatabaseNames.physical(body.team(), body.name());

        requests.lock("team:" + body.team());
        List<ProvisioningRequest> live = requests.live(body.team(), RequestKind.DATABASE);
        if (live.size() >= config.quota().databases()) {
            throw new ConflictException("team '" + body.team() + "' already has " + live.size()
                    + " databases, its quota is " + config.quota().databases());
        }
        checkResourceQuota(body.team(), plan.cpuMillis(), plan.memoryMib());
        if (requests.physicalNameTaken(RequestKind.DATABASE, physical)) {
            throw new ConflictException("a database named '" + body.name() + "' already exists for team '"
                    + body.team() + "'");
        }
        Instant now = Instant.now();
        ProvisioningRequest r = newRequest(RequestKind.DATABASE, body.name(), body.team(), template, parameters,
                caller, idempotencyKey, now);
        r.cpuMillis = plan.cpuMillis();
        r.memoryMib = plan.memoryMib();
        r.physicalName = physical;
        r.namespace = environment.namespace;
        r.component = ComponentRef.normalize(body.component());
        r.environmentId = environment.id;
        // A database lives as long as its environment: the reaper removes both when the environment expires.
        r.expiresAt = environment.expiresAt;
        r.secretName = "db-" + physical.replace('_', '-');
        return new Accepted(accept(r, caller, now), true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProvisioningRequest get(Caller caller, RequestKind kind, UUID id) {
        return visible(caller, id, kind);
    }

    @Transactional
    public ProvisioningRequest delete(Caller caller, RequestKind kind, UUID id) {
        ProvisioningRequest r = visibleForChange(caller, id, kind);
        require(policy.mayDelete(caller, r), "you may not delete this " + kind.name().toLowerCase());
        if (r.desired == ProvisioningRequest.Desired.ABSENT) {
            return r;
        }
        if (RequestState.GONE.contains(r.state)) {
            throw new ConflictException("the " + r.kind.name().toLowerCase() + " is already " + r.state);
        }
        Instant now = Instant.now();
        deprovision(r, caller, "deleted by " + caller.name(), now);
        return r;
    }

    /** Marks an environment (and its databases) for deprovisioning; the reconciler removes them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deprovision(ProvisioningRequest r, Caller actor, String reason, Instant now) {
        if (r.kind == RequestKind.ENVIRONMENT) {
            for (ProvisioningRequest db : requests.databasesOfForChange(r.id)) {
                if (db.desired == ProvisioningRequest.Desired.PRESENT && !RequestState.GONE.contains(db.state)) {
                    deprovision(db, actor, "its environment is being deleted", now);
                }
            }
        }
        r.desired = ProvisioningRequest.Desired.ABSENT;
        if (r.state == RequestState.PENDING_APPROVAL || r.state == RequestState.REQUESTED) {
            lifecycle.move(r, RequestState.DENIED, actor, reason, now);
            r.nextAttemptAt = null;
            return;
        }
        if (r.state != RequestState.DEPROVISIONING) {
            lifecycle.move(r, RequestState.DEPROVISIONING, actor, reason, now);
        }
        r.nextAttemptAt = now;
        changed.fire(new RequestChanged(r.id));
    }

    /**
     * Extends an expiring environment so that it expires {@code ttlText} from now. A database lives as long as its
     * environment, so extending a database extends its environment (and every database in it).
     */
    @Transactional
    public ProvisioningRequest extend(Caller caller, RequestKind kind, UUID id, String ttlText) {
        // A database's environment is locked before the database, the order a deletion takes: two changes never
        // wait for each other in a cycle.
        ProvisioningRequest databaseEnvironment = kind == RequestKind.DATABASE
                ? requests.environmentIdOf(id).flatMap(requests::findForChange).orElse(null)
                : null;
        ProvisioningRequest r = changeable(caller, id, kind);
        ProvisioningRequest environment = kind == RequestKind.DATABASE ? databaseEnvironment : r;
        if (kind == RequestKind.DATABASE) {
            // Not null: the database was found, and every database names its environment.
            require(policy.mayChange(caller, environment), "you may not extend the environment of this database");
        }
        Template template = templates.find(environment.templateId)
                .orElseThrow(() -> new UnprocessableException("template '" + r.templateId + "' no longer exists"));
        if (template.ttl() == null || environment.expiresAt == null) {
            throw new UnprocessableException("environments of template '" + environment.templateId
                    + "' do not expire" + (kind == RequestKind.DATABASE ? ", nor do their databases" : ""));
        }
        for (ProvisioningRequest x : List.of(r, environment)) {
            if (x.desired == ProvisioningRequest.Desired.ABSENT || RequestState.GONE.contains(x.state)
                    || x.state == RequestState.FAILED) {
                throw new ConflictException("a " + x.state + " " + x.kind.name().toLowerCase() + " cannot be extended");
            }
        }
        List<Problem.Violation> violations = new ArrayList<>();
        Duration ttl = ttl(template, ttlText, "$.ttl", violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the request is invalid", violations);
        }
        Instant now = Instant.now();
        environment.expiresAt = now.plus(ttl);
        environment.updatedAt = now;
        lifecycle.note(environment, caller, "extend", "success", "expires " + environment.expiresAt, now);
        for (ProvisioningRequest db : requests.databasesOfForChange(environment.id)) {
            if (db.desired == ProvisioningRequest.Desired.PRESENT && !RequestState.GONE.contains(db.state)) {
                db.expiresAt = environment.expiresAt;
                db.updatedAt = now;
            }
        }
        if (environment.state == RequestState.READY) {
            // Re-apply so that the namespace's expiry label follows.
            environment.nextAttemptAt = now;
            changed.fire(new RequestChanged(environment.id));
        }
        return r;
    }

    /**
     * Tries a FAILED request again from its first step (every step is idempotent, so what was done is not
     * redone): provisioning again if it is wanted, deprovisioning again if it was being deleted.
     */
    @Transactional
    public ProvisioningRequest retry(Caller caller, RequestKind kind, UUID id) {
        ProvisioningRequest r = changeable(caller, id, kind);
        if (r.state != RequestState.FAILED) {
            throw new ConflictException("only a FAILED " + kind.name().toLowerCase() + " can be retried; it is "
                    + r.state);
        }
        boolean wanted = r.desired == ProvisioningRequest.Desired.PRESENT;
        if (wanted && kind == RequestKind.DATABASE) {
            ProvisioningRequest environment = requests.findById(r.environmentId);
            if (environment.state != RequestState.READY || environment.desired != ProvisioningRequest.Desired.PRESENT) {
                throw new ConflictException("its environment '" + environment.name + "' is " + environment.state
                        + "; a database can be retried once its environment is READY");
            }
        }
        Instant now = Instant.now();
        lifecycle.move(r, wanted ? RequestState.PROVISIONING : RequestState.DEPROVISIONING, caller,
                "retried by " + caller.name(), now);
        r.nextAttemptAt = now;
        changed.fire(new RequestChanged(r.id));
        return r;
    }

    @Transactional
    public ProvisioningRequest decide(Caller caller, UUID id, boolean approve, String reason) {
        ProvisioningRequest r = visibleForChange(caller, id, null);
        if (caller.name().equals(r.requestedBy)) {
            // access-service says so too; checked here first for a message that names the reason plainly.
            throw new NotPermittedException("a request cannot be decided by its requester");
        }
        require(policy.mayDecide(caller, r), "only a lead of team '" + r.team + "' or a platform-admin may decide"
                + " this request");
        if (r.state != RequestState.PENDING_APPROVAL) {
            throw new ConflictException("the request is " + r.state + ", not PENDING_APPROVAL");
        }
        Instant now = Instant.now();
        r.decidedBy = caller.name();
        if (approve) {
            lifecycle.move(r, RequestState.APPROVED, caller, reason, now);
            r.nextAttemptAt = now;
            changed.fire(new RequestChanged(r.id));
        } else {
            r.desired = ProvisioningRequest.Desired.ABSENT;
            lifecycle.move(r, RequestState.DENIED, caller, reason, now);
        }
        return r;
    }

    /** Where a database's credentials are; {@code values} only on the first read. */
    public record Credentials(ProvisioningRequest request, Map<String, String> values) {
    }

    /**
     * Shows the credentials once to a member of the owning team, later only where the Secret is. The row is
     * locked so that two concurrent first reads cannot both see the password.
     */
    @Transactional
    public Credentials credentials(Caller caller, UUID id) {
        ProvisioningRequest r = visibleForChange(caller, id, RequestKind.DATABASE);
        if (!caller.isMemberOf(r.team)) {
            throw new NotPermittedException("only members of team '" + r.team + "' may read its credentials");
        }
        if (r.state != RequestState.READY) {
            throw new ConflictException("credentials exist once the database is READY; it is " + r.state);
        }
        Instant now = Instant.now();
        if (r.credentialsRevealed) {
            lifecycle.note(r, caller, "credentials.read", "success", "already shown once; Secret name only", now);
            return new Credentials(r, null);
        }
        Map<String, String> values;
        try {
            values = cluster.readSecret(r.namespace, r.secretName)
                    .orElseThrow(() -> new ConflictException("the credentials Secret is missing; rotate to recreate it"));
        } catch (ExternalFailure f) {
            throw new UpstreamUnavailableException(f.getMessage());
        }
        r.credentialsRevealed = true;
        lifecycle.note(r, caller, "credentials.reveal", "success", null, now);
        return new Credentials(r, values);
    }

    /** Asks the reconciler for a new password (server and Secret); the new one can be shown once again. */
    @Transactional
    public ProvisioningRequest rotate(Caller caller, UUID id) {
        ProvisioningRequest r = changeable(caller, id, RequestKind.DATABASE);
        if (r.state != RequestState.READY || r.desired == ProvisioningRequest.Desired.ABSENT) {
            throw new ConflictException("only a READY database can be rotated; it is " + r.state);
        }
        Instant now = Instant.now();
        r.rotationRequested = true;
        r.nextAttemptAt = now;
        r.updatedAt = now;
        lifecycle.note(r, caller, "rotate", "success", "rotation requested", now);
        changed.fire(new RequestChanged(r.id));
        return r;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UUID> expiredEnvironments() {
        return requests.expired(Instant.now());
    }

    /** Deprovisions the environment if it is (still) expired; false if it is not or another worker has it. */
    @Transactional
    public boolean expire(UUID id) {
        Instant now = Instant.now();
        Optional<ProvisioningRequest> r = requests.lockIfFree(id);
        if (r.isEmpty() || r.get().expiresAt == null || r.get().expiresAt.isAfter(now)
                || r.get().desired == ProvisioningRequest.Desired.ABSENT || RequestState.GONE.contains(r.get().state)) {
            return false;
        }
        deprovision(r.get(), Caller.system("ttl-reaper"), "expired at " + r.get().expiresAt, now);
        return true;
    }

    /** A request the caller may see, else 404 (whether it exists is not disclosed). */
    ProvisioningRequest visible(Caller caller, UUID id, RequestKind kind) {
        return shown(requests.findByIdOptional(id), caller, id, kind);
    }

    /**
     * As {@link #visible}, with the row locked for this transaction: every change through the API reads the row this
     * way, so it waits for a reconciler step working on the request (the step holds the lock) and is not refused at
     * commit because the step moved the row's version on.
     */
    ProvisioningRequest visibleForChange(Caller caller, UUID id, RequestKind kind) {
        return shown(requests.findForChange(id), caller, id, kind);
    }

    private ProvisioningRequest shown(Optional<ProvisioningRequest> found, Caller caller, UUID id, RequestKind kind) {
        return found.filter(r -> kind == null || r.kind == kind)
                .filter(r -> policy.maySee(caller, r))
                .orElseThrow(() -> new ResourceNotFoundException("no such request: " + id));
    }

    /** A request the caller may change (row locked), else 404 if not visible, 403 if visible but not changeable. */
    ProvisioningRequest changeable(Caller caller, UUID id, RequestKind kind) {
        ProvisioningRequest r = visibleForChange(caller, id, kind);
        require(policy.mayChange(caller, r), "you may not change this " + r.kind.name().toLowerCase());
        return r;
    }

    /** 403 with access-service's reason unless allowed. */
    private static void require(Decision decision, String what) {
        if (!decision.allowed()) {
            throw new NotPermittedException(what + ": " + decision.reason());
        }
    }

    private Optional<ProvisioningRequest> firstResult(Caller caller, String key, RequestKind kind) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        if (key.length() > 200) {
            throw new InvalidInputException("Idempotency-Key is too long",
                    List.of(new Problem.Violation("Idempotency-Key", "must be at most 200 characters")));
        }
        requests.lock("idempotency:" + caller.name() + ":" + key);
        Optional<ProvisioningRequest> first = requests.findByIdempotencyKey(caller.name(), key);
        if (first.isPresent() && first.get().kind != kind) {
            throw new UnprocessableException("this Idempotency-Key was used for a "
                    + first.get().kind.name().toLowerCase() + " request");
        }
        return first;
    }

    private Template template(String id, Template.Kind kind, String field, List<Problem.Violation> violations) {
        Optional<Template> t = templates.find(id).filter(x -> x.kind() == kind);
        if (t.isEmpty()) {
            violations.add(new Problem.Violation(field, "unknown " + kind.name().toLowerCase() + " template '"
                    + id + "'; see GET /api/v1/templates"));
        }
        return t.orElse(null);
    }

    private static Duration ttl(Template template, String text, String field, List<Problem.Violation> violations) {
        if (template.ttl() == null) {
            if (text != null) {
                violations.add(new Problem.Violation(field, "template '" + template.id() + "' has no TTL"));
            }
            return null;
        }
        if (text == null) {
            return template.ttl().defaultTtl();
        }
        try {
            Duration ttl = Duration.parse(text);
            if (ttl.isNegative() || ttl.isZero()) {
                violations.add(new Problem.Violation(field, "must be positive"));
            } else if (ttl.compareTo(template.ttl().max()) > 0) {
                violations.add(new Problem.Violation(field, "must be at most " + template.ttl().max()));
            }
            return ttl;
        } catch (DateTimeParseException e) {
            violations.add(new Problem.Violation(field, "must be an ISO-8601 duration such as PT24H or P3D"));
            return null;
        }
    }

    private void checkResourceQuota(String team, int cpu, int memory) {
        int usedCpu = 0;
        int usedMemory = 0;
        for (RequestKind k : RequestKind.values()) {
            for (ProvisioningRequest r : requests.live(team, k)) {
                usedCpu += r.cpuMillis;
                usedMemory += r.memoryMib;
            }
        }
        List<Problem.Violation> violations = new ArrayList<>();
        if (usedCpu + cpu > config.quota().cpuMillis()) {
            violations.add(new Problem.Violation("$.parameters.cpuMillis", "team '" + team + "' uses " + usedCpu
                    + " of " + config.quota().cpuMillis() + " millicores; " + cpu + " more do not fit"));
        }
        if (usedMemory + memory > config.quota().memoryMib()) {
            violations.add(new Problem.Violation("$.parameters.memoryMiB", "team '" + team + "' uses "
                    + usedMemory + " of " + config.quota().memoryMib() + " MiB; " + memory + " more do not fit"));
        }
        if (!violations.isEmpty()) {
            throw new UnprocessableException("the team's quota does not allow this request", violations);
        }
    }

    private static ProvisioningRequest newRequest(RequestKind kind, String name, String team, Template template,
            Map<String, Object> parameters, Caller caller, String idempotencyKey, Instant now) {
        ProvisioningRequest r = new ProvisioningRequest();
        r.id = UUID.randomUUID();
        r.kind = kind;
        r.name = name;
        r.team = team;
        r.templateId = template.id();
        r.templateVersion = template.version();
        r.parameters = new LinkedHashMap<>(parameters);
        r.requestedBy = caller.name();
        r.idempotencyKey = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey;
        r.approvalRequired = template.approvalRequired();
        r.state = RequestState.REQUESTED;
        r.desired = ProvisioningRequest.Desired.PRESENT;
        r.createdAt = now;
        r.updatedAt = now;
        return r;
    }

    private ProvisioningRequest accept(ProvisioningRequest r, Caller caller, Instant now) {
        requests.persist(r);
        lifecycle.created(r, caller, now);
        if (r.approvalRequired) {
            lifecycle.move(r, RequestState.PENDING_APPROVAL, caller, "template '" + r.templateId
                    + "' requires approval by a team lead or platform-admin", now);
        } else {
            lifecycle.move(r, RequestState.APPROVED, caller, "no approval required", now);
            r.nextAttemptAt = now;
            changed.fire(new RequestChanged(r.id));
        }
        return r;
    }
}
