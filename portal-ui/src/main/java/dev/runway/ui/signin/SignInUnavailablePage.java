package dev.runway.ui.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.oidc.OIDCException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a sign-in that cannot happen because the identity provider is unreachable with a Runway page (503,
 * Retry-After), instead of Quarkus's bare 500 or a browser's connection error. Two failures lead here: quarkus-oidc
 * could not reach the provider to set itself up (it was down when the portal started, and still is: the
 * {@link OIDCException} it raises at request time, which for the portal's one static tenant means exactly that), or {@link SignInGuard} stopped a redirect to a provider that stopped answering later.
 * Both arise in the HTTP security layer, before JAX-RS, so this is a router failure handler, not an exception
 * mapper. Anything else is passed on untouched.
 */
@ApplicationScoped
public class SignInUnavailablePage {
    private static final Logger LOG = Logger.getLogger(SignInUnavailablePage.class);
    static final String RETRY_AFTER_SECONDS = "30";

    @CheckedTemplate
    static class Templates {
        /** Stands alone: the shared layout asks who is signed in, which a failed sign-in cannot tell. */
        static native TemplateInstance unavailable();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext rc) {
        if (!causedByUnreachableProvider(rc.failure()) || rc.response().headWritten()) {
            rc.next();
            return;
        }
        LOG.warnf("Sign-in refused on %s: %s", rc.normalizedPath(), rc.failure().getMessage());
        rc.response().setStatusCode(503)
                .putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Retry-After", RETRY_AFTER_SECONDS)
                .putHeader("Cache-Control", "no-store")
                .end(Templates.unavailable().render());
    }

    static boolean causedByUnreachableProvider(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IdentityProviderUnavailableException || t instanceof OIDCException) {
                return true;
            }
        }
        return false;
    }
}
