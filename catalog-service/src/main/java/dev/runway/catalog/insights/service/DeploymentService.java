package dev.runway.catalog.insights.service;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.catalog.config.CatalogConfig;
import dev.runway.catalog.domain.CatalogEntity;
import dev.runway.catalog.insights.domain.Deployment;
import dev.runway.catalog.insights.repository.DeploymentRepository;
import dev.runway.common.audit.AuditTrail;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.security.Caller;

/** Records deployments reported by CI, once per reporter's {@code externalId} ({@link ExternalIds}). */
@ApplicationScoped
public class DeploymentService {
    private final DeploymentRepository deployments;
    private final InsightsAuthorization authorization;
    private final AuditTrail audit;
    private final ExternalIds externalIds;
    private final CatalogConfig config;

    public DeploymentService(DeploymentRepository deployments, InsightsAuthorization authorization, AuditTrail audit,
            ExternalIds externalIds, CatalogConfig config) {
        this.deployments = deployments;
        this.authorization = authorization;
        this.audit = audit;
        this.externalIds = externalIds;
        this.config = config;
    }

    @Transactional
    public Recorded<Deployment> record(Caller caller, NewDeployment r) {
        CatalogEntity entity = authorization.liveEntity("entityRef", r.entityRef());
        authorization.authorize(caller, "catalog.deployment.record", entity);
        return externalIds.recordOnce("deployment", r.externalId(), deployments::findByExternalId,
                existing -> sameContent(existing, entity.ref, r), () -> store(caller, entity, r));
    }

    private Deployment store(Caller caller, CatalogEntity entity, NewDeployment r) {
        Deployment d = new Deployment();
        d.id = UUID.randomUUID();
        d.externalId = r.externalId();
        d.entityRef = entity.ref;
        d.environment = r.environment();
        d.version = r.version();
        d.commitSha = r.commitSha();
        d.commitTimes = r.commitTimes().toArray(Instant[]::new);
        d.firstCommitAt = r.firstCommitAt();
        d.earliestCommit = Deployment.earliest(r.commitTimes(), r.firstCommitAt());
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
        return d;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Deployment get(String externalId) {
        return deployments.findByExternalId(externalId)
                .orElseThrow(() -> new ResourceNotFoundException("No deployment " + externalId + "."));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Deployment> list(String entity, String environment, Integer limit) {
        String ref = QueryParameters.entityFilter("entity", entity);
        String env = environment == null || environment.isBlank() ? null : environment.toLowerCase(Locale.ROOT);
        return deployments.latest(ref, env, QueryParameters.limit(limit, config));
    }

    private static boolean sameContent(Deployment d, String entityRef, NewDeployment r) {
        return d.entityRef.equals(entityRef) && d.environment.equals(r.environment())
                && d.version.equals(r.version()) && Objects.equals(d.commitSha, r.commitSha())
                && Arrays.asList(d.commitTimes).equals(r.commitTimes())
                && Objects.equals(d.firstCommitAt, r.firstCommitAt()) && d.startedAt.equals(r.startedAt())
                && d.finishedAt.equals(r.finishedAt()) && d.status.equals(r.status()) && d.rework == r.rework();
    }
}
