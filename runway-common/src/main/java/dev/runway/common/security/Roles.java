package dev.runway.common.security;

/**
 * Realm roles carried in every Runway access token ({@code realm_access.roles}).
 * Resource-level rights (team membership, grants) are decided by access-service, not by these.
 */
public final class Roles {
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String DEVELOPER = "developer";
    public static final String AUDITOR = "auditor";
    /** Held by the service accounts of Runway's own services, for service-to-service calls. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
