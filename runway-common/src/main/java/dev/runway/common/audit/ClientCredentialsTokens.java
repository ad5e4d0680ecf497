package dev.runway.common.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The service's own access token by the OAuth 2.0 client-credentials grant, cached until shortly before it
 * expires. Plain JDK HTTP rather than the quarkus-oidc-client extension, so that runway-common adds no extension
 * to the applications that do not relay audit events.
 */
public class ClientCredentialsTokens implements Supplier<String> {
    private static final Duration EARLY_REFRESH = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String basicCredentials;
    private final ObjectMapper json;
    private final Clock clock;
    private String token;
    private Instant refreshAt = Instant.MIN;

    public ClientCredentialsTokens(HttpClient http, URI tokenEndpoint, String clientId, String clientSecret,
            ObjectMapper json, Clock clock) {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
        this.basicCredentials = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        this.json = json;
        this.clock = clock;
    }

    @Override
    public synchronized String get() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basicCredentials)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("token endpoint answered " + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            token = body.path("access_token").asText(null);
            if (token == null) {
                throw new IOException("token endpoint answered without an access_token");
            }
            long lifetime = body.path("expires_in").asLong(60);
            refreshAt = clock.instant().plusSeconds(lifetime).minus(EARLY_REFRESH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot obtain the service token", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while obtaining the service token", e);
        }
    }
}
