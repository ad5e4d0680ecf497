package dev.runway.ui.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.oidc.runtime.CodeAuthenticationMechanism;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps the user's ID, access and refresh tokens on the server: the (encrypted) session cookie carries only a
 * random session id, so no token ever travels to the browser, and signing out removes them here too.
 *
 * <p>The store lives in this process: one portal replica, and a restart signs everyone out (they sign in again
 * through Keycloak, usually without a password while their Keycloak session lasts). Entries expire with the
 * session's maximum age and are swept on every sign-in.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ServerSideTokenStateManager implements TokenStateManager {
    /** Used when the OIDC mechanism did not say how long the session may live. */
    static final Duration DEFAULT_MAX_AGE = Duration.ofHours(10);

    private record Entry(AuthorizationCodeTokens tokens, Instant expiresAt) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    @Inject
    public ServerSideTokenStateManager() {
        this(Clock.systemUTC());
    }

    ServerSideTokenStateManager(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Uni<String> createTokenState(RoutingContext context, OidcTenantConfig config, AuthorizationCodeTokens tokens,
            OidcRequestContext<String> request) {
        Instant now = clock.instant();
        sessions.values().removeIf(e -> !e.expiresAt().isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(id, new Entry(tokens, now.plus(maxAge(context))));
        return Uni.createFrom().item(id);
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext context, OidcTenantConfig config, String state,
            OidcRequestContext<AuthorizationCodeTokens> request) {
        Entry entry = state == null ? null : sessions.get(state);
        if (entry == null || !entry.expiresAt().isAfter(clock.instant())) {
            if (entry != null) {
                sessions.remove(state);
            }
            // Unknown or expired: the mechanism answers by sending the browser to sign in again.
            return Uni.createFrom().failure(new AuthenticationFailedException("no server-side session"));
        }
        return Uni.createFrom().item(entry.tokens());
    }

    @Override
    public Uni<Void> deleteTokens(RoutingContext context, OidcTenantConfig config, String state,
            OidcRequestContext<Void> request) {
        if (state != null) {
            sessions.remove(state);
        }
        return Uni.createFrom().voidItem();
    }

    int size() {
        return sessions.size();
    }

    private static Duration maxAge(RoutingContext context) {
        Object seconds = context == null ? null : context.get(CodeAuthenticationMechanism.SESSION_MAX_AGE_PARAM);
        if (seconds instanceof Number n && n.longValue() > 0) {
            return Duration.ofSeconds(n.longValue());
        }
        return DEFAULT_MAX_AGE;
    }
}
