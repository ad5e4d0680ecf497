package dev.runway.provisioning.policy;

import java.util.Set;

import dev.runway.common.security.Roles;

/**
 * Who is asking, taken only from the verified token, plus request context for the audit trail.
 *
 * @param name          preferred_username
 * @param teams         the token's {@code groups} (team names)
 * @param roles         realm roles
 * @param requestId     correlation id of the HTTP request
 * @param clientAddress remote address of the HTTP request
 */
public record Caller(String name, Set<String> teams, Set<String> roles, String requestId, String clientAddress) {

    /** The reconciler and the TTL reaper act as the service itself. */
    public static Caller system(String what) {
        return new Caller(what, Set.of(), Set.of(Roles.SERVICE), null, null);
    }

    public boolean isPlatformAdmin() {
        return roles.contains(Roles.PLATFORM_ADMIN);
    }

    public boolean isMemberOf(String team) {
        return teams.contains(team);
    }
}
