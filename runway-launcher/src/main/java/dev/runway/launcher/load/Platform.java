package dev.runway.launcher.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The running platform as the load sees it: the service URLs (loopback only, checked on construction), one shared
 * HTTP/1.1 client, and OpenID tokens from Keycloak that are renewed before they expire.
 */
public final class Platform {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** Renew this long before expiry, so that no request carries a token that expires in flight. */
    private static final long RENEW_BEFORE_NANOS = Duration.ofSeconds(60).toNanos();

    public record Urls(URI catalog, URI provisioning, URI access, URI keycloak, String realm) {
    }

    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private record Token(String access, String refresh, long expiresAtNanos) {
    }

    private final Urls urls;
    private final String password;
    private final String serviceClient;
    private final String serviceSecret;
    private final HttpClient http;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public Platform(Urls urls, String password, String serviceClient, String serviceSecret) {
        this.urls = urls;
        this.password = password;
        this.serviceClient = serviceClient;
        this.serviceSecret = serviceSecret;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Urls urls() {
        return urls;
    }

    /** A demo user's access token (password grant of the public runway-cli client), renewed by refresh token. */
    public String userToken(String user) throws IOException, InterruptedException {
        return token(user, false);
    }

    /** The service account's token (client-credentials grant), for access-service's decision endpoints. */
    public String serviceToken() throws IOException, InterruptedException {
        return token("service:" + serviceClient, true);
    }

    private String token(String key, boolean service) throws IOException, InterruptedException {
        Token t = tokens.get(key);
        if (t != null && t.expiresAtNanos - System.nanoTime() > RENEW_BEFORE_NANOS) {
            return t.access;
        }
        synchronized (key.intern()) {
            t = tokens.get(key);
            if (t != null && t.expiresAtNanos - System.nanoTime() > RENEW_BEFORE_NANOS) {
                return t.access;
            }
            Token fresh = null;
            if (t != null && t.refresh != null) {
                fresh = grant(Map.of("grant_type", "refresh_token", "client_id", "runway-cli", "refresh_token", t.refresh));
            }
            if (fresh == null) {
                fresh = service
                        ? grant(Map.of("grant_type", "client_credentials", "client_id", serviceClient,
                                "client_secret", serviceSecret))
                        : grant(Map.of("grant_type", "password", "client_id", "runway-cli", "username", key,
                                "password", password));
            }
            if (fresh == null) {
                throw new IOException("Keycloak refused a token for " + key);
            }
            tokens.put(key, fresh);
            return fresh.access;
        }
    }

    private Token grant(Map<String, String> form) throws IOException, InterruptedException {
        long before = System.nanoTime();
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(urls.keycloak().resolve(
                        "/realms/" + urls.realm() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return null;
        }
        JsonNode json = JSON.readTree(response.body());
        return new Token(json.path("access_token").asText(), json.path("refresh_token").asText(null),
                before + Duration.ofSeconds(json.path("expires_in").asLong(60)).toNanos());
    }

    public Response send(String method, URI base, String pathAndQuery, String bearer, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
