package dev.runway.provisioning.reconciler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.runway.common.catalog.EntityRef;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;

/** A READY request as the Backstage Resource entity catalog-service holds for it. */
public final class CatalogEntities {
    public static final String REQUEST_ID = "runway.dev/request-id";

    private CatalogEntities() {
    }

    /**
     * The entity's metadata.name: the physical name, unique among live requests of a kind; environments' (the
     * namespace, {@code team-name}) never hold '_', databases' ({@code team_name}) always do, so the two kinds
     * never collide, and both fit Backstage's 63 characters.
     */
    public static String name(ProvisioningRequest r) {
        return r.physicalName();
    }

    /** @param environment for a database, the environment it lives in (its Resource is a dependency) */
    public static Map<String, Object> resource(ProvisioningRequest r, ProvisioningRequest environment) {
        boolean database = r.kind() == RequestKind.DATABASE;
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(REQUEST_ID, r.id().toString());
        annotations.put("runway.dev/template", r.templateId() + "@" + r.templateVersion());
        annotations.put("runway.dev/namespace", r.namespace());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name(r));
        metadata.put("namespace", EntityRef.DEFAULT_NAMESPACE);
        metadata.put("title", r.name());
        metadata.put("description", (database ? r.templateId() + " database" : r.templateId() + " environment")
                + " provisioned by Runway for team " + r.team());
        metadata.put("annotations", annotations);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", database ? "database" : "environment");
        spec.put("owner", EntityRef.ofTeam(r.team()).reference());
        if (r.component() != null) {
            spec.put("dependencyOf", List.of(r.component()));
        }
        if (database && environment != null) {
            spec.put("dependsOn", List.of(new EntityRef("resource", EntityRef.DEFAULT_NAMESPACE, name(environment))
                    .reference()));
        }
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("apiVersion", "backstage.io/v1alpha1");
        entity.put("kind", "Resource");
        entity.put("metadata", metadata);
        entity.put("spec", spec);
        return entity;
    }
}
