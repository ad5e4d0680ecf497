package dev.runway.catalog.insights.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.catalog.config.CatalogConfig;
import dev.runway.catalog.domain.CatalogEntity;
import dev.runway.catalog.insights.domain.Incident;
import dev.runway.catalog.insights.repository.DeploymentRepository;
import dev.runway.catalog.insights.repository.IncidentRepository;
import dev.runway.catalog.repository.EntityRepository;
import dev.runway.common.audit.AuditTrail;
import dev.runway.common.error.ConflictException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.error.UnprocessableException;
import dev.runway.common.security.Caller;

/**
 * Records incidents idempotently by {@code externalId} (as deployments) and resolves them. Severity is
 * {@code sev1} (most severe: customer-facing outage) to {@code sev4} (minor), accepted in any case and with an
 * optional dash ({@code SEV-2}). A repeated open report matches the stored incident when entity, severity, opening
 * time and cause agree; it may omit {@code resolvedAt} once the incident was resolved, but must not contradict it.
 */
@ApplicationScoped
public class IncidentService {
    private final IncidentRepository incidents;
    private final DeploymentRepository deployments;
    private final EntityRepository entities;
    private final InsightsAuthorization authorization;
    private final ExternalIds externalIds;
    private final AuditTrail audit;
    private final CatalogConfig config;

    public IncidentService(IncidentRepository incidents, DeploymentRepository deployments, EntityRepository entities,
            InsightsAuthorization authorization, ExternalIds externalIds, AuditTrail audit,
            CatalogConfig config) {
        this.incidents = incidents;
        this.deployments = deployments;
        this.entities = entities;
        this.authorization = authorization;
        this.externalIds = externalIds;
        this.audit = audit;
        this.config = config;
    }

    @Transactional
    public Recorded<Incident> open(Caller caller, NewIncident r) {
        CatalogEntity entity = authorization.liveEntity("entityRef", r.entityRef());
        if (r.causedByDeployment() != null && deployments.findByExternalId(r.causedByDeployment()).isEmpty()) {
            throw new UnprocessableException("No deployment " + r.causedByDeployment() + " was recorded.",
                    List.of(new Problem.Violation("$.causedByDeployment", "no deployment with externalId "
                            + r.causedByDeployment() + "; record the deployment first")));
        }
        authorization.authorize(caller, "catalog.incident.open", entity);
        return externalIds.recordOnce("incident", r.externalId(), incidents::findByExternalId,
                existing -> sameContent(existing, entity.ref, r), () -> store(caller, entity, r));
    }

    private Incident store(Caller caller, CatalogEntity entity, NewIncident r) {
        Incident i = new Incident();
        i.id = UUID.randomUUID();
        i.externalId = r.externalId();
        i.entityRef = entity.ref;
        i.severity = r.severity();
        i.openedAt = r.openedAt();
        i.resolvedAt = r.resolvedAt();
        i.causedByDeployment = r.causedByDeployment();
        i.recordedAt = Instant.now();
        i.recordedBy = caller.username();
        i.resolvedBy = r.resolvedAt() == null ? null : caller.username();
        incidents.persist(i);
        audit.success(caller, "catalog.incident.open", entity.ref, details(i));
        return i;
    }

    /**
     * Resolves an open incident. Resolving again at the same time answers the incident unchanged; at another time
     * it is a conflict (the first resolution stands).
     */
    @Transactional
    public Incident resolve(Caller caller, String externalId, Instant resolvedAt) {
        externalIds.lock("incident", externalId);
        Incident i = incidents.findByExternalId(externalId)
                .orElseThrow(() -> new ResourceNotFoundException("No incident " + externalId + "."));
        // The entity may have been deleted since: its tombstone still names the owning team.
        CatalogEntity entity = entities.findByRef(i.entityRef)
                .orElseThrow(() -> new ResourceNotFoundException("No entity " + i.entityRef + "."));
        authorization.authorize(caller, "catalog.incident.resolve", entity);
        if (resolvedAt.isBefore(i.openedAt)) {
            throw new UnprocessableException("An incident cannot be resolved before it was opened.",
                    List.of(new Problem.Violation("$.resolvedAt", "must not be before openedAt " + i.openedAt)));
        }
        if (i.resolvedAt != null) {
            if (i.resolvedAt.equals(resolvedAt)) {
                return i;
            }
            throw new ConflictException("Incident " + externalId + " was already resolved at " + i.resolvedAt + ".");
        }
        i.resolvedAt = resolvedAt;
        i.resolvedBy = caller.username();
        audit.success(caller, "catalog.incident.resolve", i.entityRef, details(i));
        return i;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Incident get(String externalId) {
        return incidents.findByExternalId(externalId)
                .orElseThrow(() -> new ResourceNotFoundException("No incident " + externalId + "."));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Incident> list(String entity, Boolean open, Integer limit) {
        String ref = QueryParameters.entityFilter("entity", entity);
        return incidents.latest(ref, open, QueryParameters.limit(limit, config));
    }

    private static boolean sameContent(Incident i, String entityRef, NewIncident r) {
        return i.entityRef.equals(entityRef) && i.severity.equals(r.severity()) && i.openedAt.equals(r.openedAt())
                && Objects.equals(i.causedByDeployment, r.causedByDeployment())
                && (r.resolvedAt() == null || r.resolvedAt().equals(i.resolvedAt));
    }

    private static Map<String, Object> details(Incident i) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("externalId", i.externalId);
        details.put("severity", i.severity);
        if (i.resolvedAt != null) {
            details.put("resolvedAt", i.resolvedAt.toString());
        }
        if (i.causedByDeployment != null) {
            details.put("causedByDeployment", i.causedByDeployment);
        }
        return details;
    }
}
