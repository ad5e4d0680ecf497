package dev.runway.common.security;

import java.util.List;
import java.util.Set;

import dev.runway.common.policy.DecisionSubject;

/**
 * Who made the current request, taken only from the verified bearer token (never from a request body), plus the
 * request coordinates an audit record keeps. Every service uses this one type; inject it through
 * {@link CallerProducer} ({@code Provider<Caller>} in application-scoped beans and resources, which outlive a
 * request).
 *
 * @param username      the token's {@code preferred_username} (the principal name)
 * @param displayName   the token's {@code name}, or the user name when absent; null when not known
 * @param teams         team names from the token's {@code groups}, sorted, without Keycloak's leading "/"
 * @param roles         realm roles
 * @param requestId     the caller's {@code X-Request-Id} when sane, else a fresh id
 * @param clientAddress the peer address, when known
 * @param bearerToken   the raw token, to ask access-service on the caller's behalf; null when there is none (a
 *                      caller named by a decision subject). Never printed: {@link #toString()} leaves it out.
 */
public record Caller(String username, String displayName, List<String> teams, Set<String> roles, String requestId,
        String clientAddress, String bearerToken) {

    public Caller {
        teams = List.copyOf(teams);
        roles = Set.copyOf(roles);
    }

    /** The subject of a question a service asks about a user: no token, the request coordinates of the asker. */
    public static Caller of(DecisionSubject subject, String requestId, String clientAddress) {
        return new Caller(subject.name(), null, subject.teams(), Set.copyOf(subject.roles()), requestId,
                clientAddress, null);
    }

    /**
     * A Runway service acting on its own account, outside any HTTP request (a reconciler, a scheduled reaper): the
     * {@code service} role, no teams, no token and no request coordinates.
     */
    public static Caller service(String name) {
        return new Caller(name, null, List.of(), Set.of(Roles.SERVICE), null, null, null);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isPlatformAdmin() {
        return has(Roles.PLATFORM_ADMIN);
    }

    /** Runway's own services and CI service accounts hold the {@code service} role. */
    public boolean isServiceAccount() {
        return has(Roles.SERVICE);
    }

    /** This caller as the explicit subject of a policy question. */
    public DecisionSubject subject() {
        return new DecisionSubject(username, teams, List.copyOf(roles));
    }

    @Override
    public String toString() {
        return "Caller[username=" + username + ", teams=" + teams + ", roles=" + roles + ", requestId=" + requestId
                + "]";
    }
}
