package dev.runway.cli.auth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import dev.runway.cli.CliContext;
import dev.runway.cli.CliException;

/**
 * Finds the bearer token for a call: {@code RUNWAY_TOKEN} as-is (CI), else the cached login, refreshed with its
 * refresh token when the access token has expired or is about to.
 */
public final class TokenProvider {
    public static final String TOKEN_VARIABLE = "RUNWAY_TOKEN";
    /** Refresh a little early so that a token does not expire between here and the service. */
    static final Duration EARLY_REFRESH = Duration.ofSeconds(30);

    private final CliContext ctx;
    private final URI issuer;

    public TokenProvider(CliContext ctx, URI issuer) {
        this.ctx = ctx;
        this.issuer = issuer;
    }

    public record Token(String value, String source) {
    }

    public Token token() {
        String fromEnv = ctx.env(TOKEN_VARIABLE);
        if (fromEnv != null) {
            return new Token(fromEnv.strip(), TOKEN_VARIABLE);
        }
        TokenCache cache = new TokenCache(ctx.configDir());
        StoredCredentials stored = cache.load();
        if (stored == null || stored.accessToken() == null) {
            throw CliException.auth("not logged in: run `runway login`, or set " + TOKEN_VARIABLE);
        }
        if (!issuer.toString().equals(stored.issuer())) {
            throw CliException.auth("logged in at " + stored.issuer() + ", not at " + issuer
                    + ": run `runway login` for this one");
        }
        Instant now = ctx.clock().instant();
        if (stored.accessExpiresAt() != null && now.isBefore(stored.accessExpiresAt().minus(EARLY_REFRESH))) {
            return new Token(stored.accessToken(), "login of " + stored.username());
        }
        if (stored.refreshToken() == null
                || stored.refreshExpiresAt() != null && !now.isBefore(stored.refreshExpiresAt())) {
            throw CliException.auth("the login of " + stored.username() + " has expired: run `runway login`");
        }
        OidcClient.Tokens fresh;
        try {
            fresh = new OidcClient(ctx, issuer).refresh(stored.refreshToken());
        } catch (OAuthException e) {
            throw CliException.auth("the login of " + stored.username() + " could not be refreshed ("
                    + e.getMessage() + "): run `runway login`");
        }
        StoredCredentials renewed = fresh.toStored(issuer.toString(), now, stored.username());
        if (renewed.refreshToken() == null) {
            // a provider that does not rotate refresh tokens answers without one: the old one stays valid
            renewed = new StoredCredentials(renewed.issuer(), renewed.clientId(), renewed.username(),
                    renewed.accessToken(), renewed.accessExpiresAt(), stored.refreshToken(), stored.refreshExpiresAt());
        }
        cache.save(renewed);
        return new Token(renewed.accessToken(), "login of " + renewed.username());
    }
}
