package dev.runway.common.security;

import java.util.List;
import java.util.Set;

/**
 * Who made the current request, taken only from the verified bearer token (never from a request body), plus the
 * request coordinates an audit record keeps.
 *
 * @param username      the token's {@code preferred_username}
 * @param displayName   the token's {@code name}, or the user name when absent
 * @param teams         team names from the token's {@code groups}, sorted, without Keycloak's leading "/"
 * @param roles         realm roles
 * @param requestId     the caller's {@code X-Request-Id} when sane, else a fresh id
 * @param clientAddress the peer address, when known
 */
public record CallerIdentity(String username, String displayName, List<String> teams, Set<String> roles,
        String requestId, String clientAddress) {

    public CallerIdentity {
        teams = List.copyOf(teams);
        roles = Set.copyOf(roles);
    }
}
