package dev.runway.ui.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.oidc.Redirect;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps the portal from sending a browser to an identity provider that does not answer: the browser would only
 * show its own "cannot connect" error. With the provider's metadata fetched earlier, quarkus-oidc builds the
 * sign-in redirect without contacting it, so nothing fails on the server; this redirect filter checks the
 * provider's status first and fails the sign-in instead, which {@link SignInUnavailablePage} answers with a
 * 503 page. Signing in cannot work then anyway: the portal itself must reach the provider to exchange the code.
 *
 * <p>Redirect filters run synchronously, so the status they read is refreshed beforehand, ahead of
 * authentication: a browser without a session waits for the (cached, at most a few seconds old) status; a
 * signed-in one never waits, and only triggers a refresh for the case its tokens can no longer be refreshed.
 */
@ApplicationScoped
@Redirect(Redirect.Location.OIDC_AUTHORIZATION)
public class SignInGuard implements OidcRedirectFilter {
    private final IdentityProviderStatus status;

    public SignInGuard(IdentityProviderStatus status) {
        this.status = status;
    }

    @Override
    public void filter(OidcRedirectContext redirect) {
        if (!status.reachable()) {
            throw new IdentityProviderUnavailableException("the identity provider does not answer; not redirecting "
                    + "the browser to sign in");
        }
    }

    void register(@Observes Filters filters) {
        // Ahead of authentication, which is where the sign-in redirect is decided.
        filters.register(this::refreshStatus, SecurityHandlerPriorities.AUTHENTICATION + 10);
    }

    private void refreshStatus(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.startsWith("/static/") || path.startsWith("/webjars/") || path.startsWith("/q/")
                || path.equals("/favicon.ico")) {
            rc.next();
            return;
        }
        Future<Boolean> fresh = status.refresh();
        boolean browsing = rc.request().method() == HttpMethod.GET || rc.request().method() == HttpMethod.HEAD;
        if (fresh.isComplete() || hasSession(rc) || !browsing) {
            rc.next();
            return;
        }
        Context context = Vertx.currentContext();
        fresh.onComplete(ignored -> {
            if (context == null) {
                rc.next();
            } else {
                context.runOnContext(v -> rc.next());
            }
        });
    }

    private static boolean hasSession(RoutingContext rc) {
        return rc.request().cookies().stream().anyMatch(c -> c.getName().startsWith(OidcUtils.SESSION_COOKIE_NAME));
    }
}
