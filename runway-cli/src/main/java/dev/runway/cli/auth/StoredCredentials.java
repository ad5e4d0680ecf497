package dev.runway.cli.auth;

import java.time.Instant;

/**
 * What {@code runway login} keeps between runs. The issuer is kept so that tokens of one Keycloak are never sent
 * to the services of another; expiries are absolute instants computed when the tokens were received.
 */
public record StoredCredentials(String issuer, String clientId, String username, String accessToken,
        Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {
}
