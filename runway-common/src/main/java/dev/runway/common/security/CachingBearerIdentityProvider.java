package dev.runway.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a bearer-token authentication from {@link VerifiedTokens} when the same token was verified before, and
 * otherwise lets quarkus-oidc verify it in full and remembers the result. Runs before quarkus-oidc's own provider
 * (higher priority) and always answers itself, so the OIDC provider is only ever reached through it; failures are
 * quarkus-oidc's own and never cached.
 * <p>
 * Only requests that carry the token in their {@code Authorization: Bearer} header are cached: the portal's
 * code-flow session tokens take quarkus-oidc's path unchanged. Security identity augmentors run after this
 * provider, on hits as on misses, exactly as they did before.
 */
@ApplicationScoped
public class CachingBearerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();

    private final OidcIdentityProvider oidc;
    private final VerifiedTokens cache;

    @Inject
    CachingBearerIdentityProvider(OidcIdentityProvider oidc, TokenCacheConfig config) {
        this.oidc = oidc;
        this.cache = new VerifiedTokens(config.maxSize(), config.maxAge(), System::currentTimeMillis);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Above quarkus-oidc's provider, which keeps the interface's default of 1001. */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        String token = request.getToken().getToken();
        if (!cache.enabled() || !(request.getToken() instanceof AccessTokenCredential) || !sentAsBearer(http, token)) {
            return oidc.authenticate(request, context);
        }
        SecurityIdentity known = cache.get(token);
        if (known != null) {
            // The identity carries the request it was first built for; hand the current one to whoever asks.
            return Uni.createFrom().item(http == null ? known
                    : QuarkusSecurityIdentity.builder(known).addAttribute(ROUTING_CONTEXT, http).build());
        }
        return oidc.authenticate(request, context).invoke(identity -> cache.put(token, identity));
    }

    /** How many verified tokens are remembered (for tests and diagnostics). */
    public int cachedTokens() {
        return cache.size();
    }

    private static boolean sentAsBearer(RoutingContext http, String token) {
        if (http == null) {
            return false;
        }
        String header = http.request().getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.length() == token.length() + 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && header.endsWith(token);
    }
}
