package dev.runway.catalog.insights.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.catalog.domain.CatalogEntity;
import dev.runway.catalog.policy.CatalogPolicy;
import dev.runway.catalog.policy.WriteGuard;
import dev.runway.catalog.repository.EntityRepository;
import dev.runway.common.catalog.EntityRef;
import dev.runway.common.error.Problem;
import dev.runway.common.error.UnprocessableException;
import dev.runway.common.security.Caller;

/**
 * Who may record delivery events about an entity, decided in one place. Recording a deployment or incident is a
 * write about that entity, so it is the catalog's own question ({@link CatalogPolicy}: access-service decides
 * {@code catalog.entity.write} on the entity and its owning team: its members and platform-admins may).
 *
 * <p>One addition: callers holding the {@code service} role (Runway's own services and CI service accounts) may
 * record events for any entity. The events do not change the entity, and the reporter of a deployment is usually a
 * pipeline's service account that no team membership or role binding names; access-service has no rule for this
 * because it only lets services write the Resource entities they provision.
 */
@ApplicationScoped
public class InsightsAuthorization {
    private final WriteGuard guard;
    private final EntityRepository entities;

    public InsightsAuthorization(WriteGuard guard, EntityRepository entities) {
        this.guard = guard;
        this.entities = entities;
    }

    /**
     * The live entity a request field names, in Backstage's {@code [kind:][namespace/]name} form (default kind
     * Component, namespace default); an unknown or deleted entity is a 422 naming the field.
     */
    public CatalogEntity liveEntity(String field, String ref) {
        String canonical;
        try {
            canonical = EntityRef.parse(ref, "Component", EntityRef.DEFAULT_NAMESPACE).canonical();
        } catch (IllegalArgumentException e) {
            throw new dev.runway.common.error.InvalidInputException("The entity reference is malformed.",
                    List.of(new Problem.Violation("$." + field, e.getMessage())));
        }
        return entities.findByRef(canonical).filter(e -> !e.deleted())
                .orElseThrow(() -> new UnprocessableException("No entity " + canonical + " in the catalog.",
                        List.of(new Problem.Violation("$." + field, "no live entity " + canonical
                                + "; register it in the catalog first"))));
    }

    /** Throws 403 (and audits the denial in its own transaction, the caller's being rolled back) unless allowed. */
    public void authorize(Caller caller, String action, CatalogEntity entity) {
        if (caller.isServiceAccount()) {
            return;
        }
        String owner = entity.owningRef();
        // Same owner before and after, so the PDP is asked exactly one catalog.entity.write about the entity and
        // its team; an entity without an owner is asked about as owner-less (platform-admins, role bindings).
        guard.require(caller, action, new CatalogPolicy.WriteCheck(entity.ref, owner, owner, owner == null));
    }
}
