package dev.runway.catalog.policy;

import java.util.Set;

import dev.runway.common.security.Roles;

/**
 * Who is calling, as the verified token says: user name, teams ({@code groups}), realm roles, plus the request
 * coordinates the audit trail records.
 */
public record Caller(String username, Set<String> teams, Set<String> roles, String requestId, String clientAddress) {

    public boolean isPlatformAdmin() {
        return roles.contains(Roles.PLATFORM_ADMIN);
    }

    /** True when the canonical owner ref names one of the caller's SSO teams ({@code group:default/<team>}). */
    public boolean isMemberOf(String ownerRef) {
        if (ownerRef == null || !ownerRef.startsWith("group:default/")) {
            return false;
        }
        String team = ownerRef.substring("group:default/".length());
        return teams.stream().anyMatch(t -> t.equalsIgnoreCase(team));
    }
}
