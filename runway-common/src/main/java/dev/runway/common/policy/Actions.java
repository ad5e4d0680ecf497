package dev.runway.common.policy;

import java.util.List;

/**
 * The action vocabulary of Runway's policy decisions, shared by every service that asks access-service
 * ({@code <service>.<thing>.<verb>}). access-service denies any action not listed here.
 */
public final class Actions {
    public static final String CATALOG_ENTITY_READ = "catalog.entity.read";
    public static final String CATALOG_ENTITY_WRITE = "catalog.entity.write";
    public static final String CATALOG_ENTITY_DELETE = "catalog.entity.delete";

    public static final String ENVIRONMENT_READ = "provisioning.environment.read";
    public static final String ENVIRONMENT_REQUEST = "provisioning.environment.request";
    public static final String ENVIRONMENT_APPROVE = "provisioning.environment.approve";
    public static final String ENVIRONMENT_DELETE = "provisioning.environment.delete";

    public static final String DATABASE_READ = "provisioning.database.read";
    public static final String DATABASE_REQUEST = "provisioning.database.request";
    public static final String DATABASE_DELETE = "provisioning.database.delete";

    public static final String ACCESS_REQUEST_APPROVE = "access.request.approve";
    public static final String ACCESS_BINDING_MANAGE = "access.binding.manage";

    public static final String AUDIT_READ = "audit.read";

    public static final List<String> ALL = List.of(CATALOG_ENTITY_READ, CATALOG_ENTITY_WRITE, CATALOG_ENTITY_DELETE,
            ENVIRONMENT_READ, ENVIRONMENT_REQUEST, ENVIRONMENT_APPROVE, ENVIRONMENT_DELETE,
            DATABASE_READ, DATABASE_REQUEST, DATABASE_DELETE,
            ACCESS_REQUEST_APPROVE, ACCESS_BINDING_MANAGE, AUDIT_READ);

    private Actions() {
    }

    public static boolean isKnown(String action) {
        return ALL.contains(action);
    }
}
