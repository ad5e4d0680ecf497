package dev.runway.access.service;

import java.util.List;
import java.util.Set;

import dev.runway.common.policy.DecisionSubject;
import dev.runway.common.security.Roles;

/** The authenticated caller of a request, as taken from its bearer token, plus what the audit log records. */
public record Caller(String name, String displayName, List<String> teams, Set<String> roles, String requestId,
        String clientAddress) {

    public Caller {
        teams = List.copyOf(teams);
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isPlatformAdmin() {
        return has(Roles.PLATFORM_ADMIN);
    }

    public DecisionSubject subject() {
        return new DecisionSubject(name, teams, List.copyOf(roles));
    }
}
