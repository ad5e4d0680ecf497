package dev.runway.ui.signin;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.runway.ui.config.PortalConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Whether the identity provider answers its discovery document, as last seen by this portal. Probed without
 * blocking (Vert.x client), at most once per {@code runway.portal.sign-in.provider-status-max-age}; concurrent
 * callers share one probe. Before the first probe the provider counts as reachable: the OIDC extension then tries it
 * itself, and its failure is answered by {@link SignInUnavailablePage}.
 */
@ApplicationScoped
public class IdentityProviderStatus {
    private static final Logger LOG = Logger.getLogger(IdentityProviderStatus.class);
    private static final int TIMEOUT_MILLIS = 2000;

    private record Seen(boolean reachable, long atNanos) {
    }

    private final Vertx vertx;
    private final Optional<String> discoveryUrl;
    private final long maxAgeNanos;
    private volatile Seen last;
    private Future<Boolean> inFlight;
    private HttpClient client;

    public IdentityProviderStatus(Vertx vertx, PortalConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean tenantEnabled) {
        this.vertx = vertx;
        this.discoveryUrl = tenantEnabled
                ? authServerUrl.map(u -> u.replaceAll("/+$", "") + "/.well-known/openid-configuration")
                : Optional.empty();
        this.maxAgeNanos = config.signIn().providerStatusMaxAge().toNanos();
    }

    /** The last answer seen (reachable until a probe said otherwise). */
    public boolean reachable() {
        Seen seen = last;
        return seen == null || seen.reachable();
    }

    /** A status no older than the maximum age: the last one if fresh enough, else the answer of a new probe. */
    public synchronized Future<Boolean> refresh() {
        Seen seen = last;
        if (discoveryUrl.isEmpty()) {
            return Future.succeededFuture(true);
        }
        if (seen != null && System.nanoTime() - seen.atNanos() < maxAgeNanos) {
            return Future.succeededFuture(seen.reachable());
        }
        if (inFlight == null) {
            Future<Boolean> probe = probe(discoveryUrl.get());
            inFlight = probe;
            probe.onComplete(result -> record(probe, result.succeeded() && result.result()));
        }
        return inFlight;
    }

    private synchronized void record(Future<Boolean> probe, boolean reachable) {
        if (!reachable && reachable()) {
            LOG.warnf("Identity provider not reachable at %s: sign-in is answered with 503 until it is",
                    discoveryUrl.get());
        } else if (reachable && !reachable()) {
            LOG.infof("Identity provider reachable again at %s", discoveryUrl.get());
        }
        last = new Seen(reachable, System.nanoTime());
        if (inFlight == probe) {
            inFlight = null;
        }
    }

    private Future<Boolean> probe(String url) {
        Promise<Boolean> answer = Promise.promise();
        client().request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setConnectTimeout(TIMEOUT_MILLIS).setIdleTimeout(TIMEOUT_MILLIS))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode() == 200))
                .onComplete(result -> answer.complete(result.succeeded() && result.result()));
        return answer.future();
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(TIMEOUT_MILLIS));
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
