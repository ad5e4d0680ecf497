package dev.runway.common.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the OIDC provider has answered its discovery document and its JWKS once: without the keys no
 * token can be verified, so every request would fail. Once they have been fetched, tokens are verified locally
 * with the cached keys, so a provider outage no longer makes the service unready (an orchestrator would take
 * every replica out of service at once and refuse tokens that are still valid): the check stays UP and reports
 * the provider as unreachable. Results are cached briefly so that frequent probes do not hammer the provider.
 */
@Readiness
@ApplicationScoped
public class OidcProviderReadinessCheck implements HealthCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final Duration cache;
    private static final Pattern JWKS_URI = Pattern.compile("\"jwks_uri\"\\s*:\\s*\"([^\"]+)\"");

    private final Optional<String> authServerUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile HealthCheckResponse last;
    private volatile Instant lastAt = Instant.EPOCH;
    private volatile Instant keysFetchedAt;

    @Inject
    public OidcProviderReadinessCheck(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl) {
        this(authServerUrl, Duration.ofSeconds(5));
    }

    OidcProviderReadinessCheck(Optional<String> authServerUrl, Duration cache) {
        this.authServerUrl = authServerUrl;
        this.cache = cache;
    }

    @Override
    public HealthCheckResponse call() {
        if (authServerUrl.isEmpty()) {
            // Tests verify tokens against a configured public key: there is no provider to reach.
            return HealthCheckResponse.named("oidc-provider").up().withData("mode", "configured public key").build();
        }
        if (last != null && lastAt.plus(cache).isAfter(Instant.now())) {
            return last;
        }
        last = probe(authServerUrl.get());
        lastAt = Instant.now();
        return last;
    }

    private HealthCheckResponse probe(String base) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("oidc-provider").withData("issuer", base);
        try {
            String discovery = get(base.replaceAll("/$", "") + "/.well-known/openid-configuration");
            Matcher m = JWKS_URI.matcher(discovery);
            if (!m.find()) {
                return unreachable(builder, "discovery document has no jwks_uri");
            }
            String jwks = get(m.group(1));
            if (!jwks.contains("\"keys\"")) {
                return unreachable(builder, "JWKS has no keys");
            }
            keysFetchedAt = Instant.now();
            return builder.up().build();
        } catch (Exception e) {
            return unreachable(builder, e.getClass().getSimpleName());
        }
    }

    private HealthCheckResponse unreachable(HealthCheckResponseBuilder builder, String error) {
        builder.withData("error", error);
        Instant fetched = keysFetchedAt;
        if (fetched == null) {
            return builder.down().build();
        }
        return builder.up().withData("provider", "unreachable; verifying tokens with the keys fetched at " + fetched)
                .build();
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return response.body();
    }
}
