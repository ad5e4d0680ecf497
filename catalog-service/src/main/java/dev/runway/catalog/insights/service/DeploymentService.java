package dev.runway.catalog.insights.service;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.catalog.config.CatalogConfig;
import dev.runway.catalog.domain.CatalogEntity;
import dev.runway.catalog.insights.domain.Deployment;
import dev.runway.catalog.insights.repository.DeploymentRepository;
import dev.runway.catalog.insights.rest.dto.DeploymentView;
import dev.runway.common.audit.AuditTrail;
import dev.runway.common.catalog.EntityRef;
import dev.runway.common.error.ConflictException;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.persistence.AdvisoryLock;
import dev.runway.common.security.Caller;

/**
 * Records deployments reported by CI, idempotently by the reporter's {@code externalId}: the first report is
 * stored (201), a repeat with the same content answers the stored one (200), a different report under the same id
 * is a conflict (409). Concurrent reports of one id are serialised by a transaction-scoped advisory lock on it.
 */
@ApplicationScoped
public class DeploymentService {
    static final Set<String> STATUSES = Set.of("success", "failure", "rolled_back");
    static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Set<String> FIELDS = Set.of("entityRef", "environment", "version", "commitSha",
            "commitTimes", "firstCommitAt", "startedAt", "finishedAt", "status", "rework", "externalId");

    private final DeploymentRepository deployments;
    private final InsightsAuthorization authorization;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final EntityManager em;
    private final CatalogConfig config;

    public DeploymentService(DeploymentRepository deployments, InsightsAuthorization authorization, AuditTrail audit,
            ObjectMapper json, EntityManager em, CatalogConfig config) {
        this.deployments = deployments;
        this.authorization = authorization;
        this.audit = audit;
        this.json = json;
        this.em = em;
        this.config = config;
    }

    /** The stored deployment and whether this request created it. */
    public record Recorded(DeploymentView view, boolean created) {
    }

    private record Report(String entityRef, String environment, String version, String commitSha,
            List<Instant> commitTimes, Instant firstCommitAt, Instant startedAt, Instant finishedAt, String status,
            boolean rework, String externalId) {
    }

    @Transactional
    public Recorded record(Caller caller, String body) {
        Report r = parse(body);
        CatalogEntity entity = authorization.liveEntity("entityRef", r.entityRef());
        authorization.authorize(caller, "catalog.deployment.record", entity);
        lock("deployment:" + r.externalId());
        Deployment existing = deployments.findByExternalId(r.externalId()).orElse(null);
        if (existing != null) {
            if (!sameContent(existing, entity.ref, r)) {
                throw new ConflictException("Deployment " + r.externalId() + " was already recorded with other"
                        + " content; an externalId names one deployment.");
            }
            return new Recorded(view(existing), false);
        }
        Deployment d = new Deployment();
        d.id = UUID.randomUUID();
        d.externalId = r.externalId();
        d.entityRef = entity.ref;
        d.environment = r.environment();
        d.version = r.version();
        d.commitSha = r.commitSha();
        d.commitTimes = r.commitTimes().toArray(Instant[]::new);
        d.firstCommitAt = r.firstCommitAt();
        d.earliestCommit = earliest(r.commitTimes(), r.firstCommitAt());
        d.startedAt = r.startedAt();
        d.finishedAt = r.finishedAt();
        d.status = r.status();
        d.rework = r.rework();
        d.recordedAt = Instant.now();
        d.recordedBy = caller.username();
        deployments.persist(d);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("externalId", d.externalId);
        details.put("environment", d.environment);
        details.put("version", d.version);
        details.put("status", d.status);
        audit.success(caller, "catalog.deployment.record", entity.ref, details);
        return new Recorded(view(d), true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DeploymentView get(String externalId) {
        return deployments.findByExternalId(externalId).map(DeploymentService::view)
                .orElseThrow(() -> new ResourceNotFoundException("No deployment " + externalId + "."));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeploymentView> list(String entity, String environment, Integer limit) {
        String ref = entity == null || entity.isBlank() ? null : queryRef("entity", entity);
        String env = environment == null || environment.isBlank() ? null : environment.toLowerCase(Locale.ROOT);
        return deployments.latest(ref, env, limit(limit, config)).stream().map(DeploymentService::view).toList();
    }

    private Report parse(String body) {
        JsonInput in = JsonInput.parse(json, body, FIELDS);
        String entityRef = in.text("entityRef", true, 400);
        String environment = in.text("environment", true, 63);
        if (environment != null) {
            environment = environment.toLowerCase(Locale.ROOT);
            if (!ENVIRONMENT.matcher(environment).matches()) {
                in.violation("environment", "must be letters, digits, . _ - (e.g. production)");
            }
        }
        String version = in.text("version", true, 200);
        String commitSha = in.text("commitSha", false, 200);
        List<Instant> commitTimes = in.instants("commitTimes", 10_000);
        Instant firstCommitAt = in.instant("firstCommitAt", false);
        Instant startedAt = in.instant("startedAt", true);
        Instant finishedAt = in.instant("finishedAt", true);
        String status = in.text("status", true, 20);
        if (status != null) {
            status = status.toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                in.violation("status", "must be success, failure or rolled_back");
            }
        }
        Boolean rework = in.bool("rework");
        String externalId = in.externalId("externalId", true);
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            in.violation("finishedAt", "must not be before startedAt");
        }
        Instant earliest = earliest(commitTimes, firstCommitAt);
        if (earliest != null && finishedAt != null && earliest.isAfter(finishedAt)) {
            in.violation(firstCommitAt != null && firstCommitAt.equals(earliest) ? "firstCommitAt" : "commitTimes",
                    "a commit cannot be younger than the deployment that shipped it (finishedAt " + finishedAt + ")");
        }
        in.throwIfInvalid("deployment");
        return new Report(entityRef, environment, version, commitSha,
                commitTimes.stream().distinct().sorted().toList(), firstCommitAt, startedAt, finishedAt, status,
                rework != null && rework, externalId);
    }

    private static boolean sameContent(Deployment d, String entityRef, Report r) {
        return d.entityRef.equals(entityRef) && d.environment.equals(r.environment())
                && d.version.equals(r.version()) && Objects.equals(d.commitSha, r.commitSha())
                && Arrays.asList(d.commitTimes).equals(r.commitTimes())
                && Objects.equals(d.firstCommitAt, r.firstCommitAt()) && d.startedAt.equals(r.startedAt())
                && d.finishedAt.equals(r.finishedAt()) && d.status.equals(r.status()) && d.rework == r.rework();
    }

    private static Instant earliest(List<Instant> commitTimes, Instant firstCommitAt) {
        Instant earliest = firstCommitAt;
        for (Instant t : commitTimes) {
            if (earliest == null || t.isBefore(earliest)) {
                earliest = t;
            }
        }
        return earliest;
    }

    /** Serialises the writers of one externalId until commit, so check-then-insert cannot race. */
    void lock(String key) {
        AdvisoryLock.acquire(em, key);
    }

    static DeploymentView view(Deployment d) {
        return new DeploymentView(d.id.toString(), d.externalId, d.entityRef, d.environment, d.version, d.commitSha,
                List.of(d.commitTimes), d.firstCommitAt, d.startedAt, d.finishedAt, d.status, d.rework,
                d.leadTimeSeconds(), d.recordedAt, d.recordedBy);
    }

    /** A list filter's entity reference, canonical (default kind Component); malformed is a 400 on the parameter. */
    static String queryRef(String param, String ref) {
        try {
            return EntityRef.parse(ref, "Component", EntityRef.DEFAULT_NAMESPACE).canonical();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid " + param + ".", List.of(new Problem.Violation(param,
                    e.getMessage())));
        }
    }

    static int limit(Integer limit, CatalogConfig config) {
        int l = limit == null ? config.defaultPageSize() : limit;
        if (l < 1 || l > config.maxPageSize()) {
            throw new InvalidInputException("Invalid limit.", List.of(new Problem.Violation("limit",
                    "must be between 1 and " + config.maxPageSize())));
        }
        return l;
    }
}
