package dev.runway.cli.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.cli.CliContext;
import dev.runway.cli.CliException;
import dev.runway.cli.ExitCodes;
import dev.runway.cli.http.ApiClient;
import dev.runway.cli.http.ApiResponse;
import dev.runway.cli.output.Json;

/**
 * The public {@code runway-cli} client of the OIDC provider: discovery, the device authorization grant
 * (RFC 8628), the resource-owner password grant, refresh and revocation. Endpoints come from the issuer's
 * discovery document, so any OIDC provider with these grants works, not only Keycloak.
 */
public final class OidcClient {
    public static final String CLIENT_ID = "runway-cli";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** RFC 8628 §3.5: on slow_down the interval grows by five seconds for this and every later poll. */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CliContext ctx;
    private final URI issuer;
    private Discovery discovery;

    public OidcClient(CliContext ctx, URI issuer) {
        this.ctx = ctx;
        this.issuer = issuer;
    }

    public record Discovery(URI tokenEndpoint, URI deviceEndpoint, URI revocationEndpoint) {
    }

    public record Tokens(String accessToken, Duration expiresIn, String refreshToken, Duration refreshExpiresIn) {
        /** What to keep; a refresh expiry of zero (offline token) or none means "no known end". */
        public StoredCredentials toStored(String issuer, Instant now, String fallbackUsername) {
            String username = Jwt.claim(accessToken, "preferred_username");
            return new StoredCredentials(issuer, CLIENT_ID, username != null ? username : fallbackUsername,
                    accessToken, now.plus(expiresIn), refreshToken,
                    refreshExpiresIn == null || refreshExpiresIn.isZero() ? null : now.plus(refreshExpiresIn));
        }
    }

    public record DeviceAuthorization(String deviceCode, String userCode, String verificationUri,
            String verificationUriComplete, Duration expiresIn, Duration interval) {
    }

    public Discovery discovery() {
        if (discovery == null) {
            URI uri = URI.create(issuer + "/.well-known/openid-configuration");
            ApiResponse response = ApiClient.exchange(ctx, HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build());
            JsonNode doc = response.json();
            if (!response.successful() || doc == null || Json.text(doc, "token_endpoint") == null) {
                throw new CliException(ExitCodes.AUTH, "no OpenID Connect provider at " + issuer + " (HTTP "
                        + response.status() + " from its discovery document); check --oidc-url or RUNWAY_OIDC_URL");
            }
            discovery = new Discovery(URI.create(Json.text(doc, "token_endpoint")),
                    uriOrNull(Json.text(doc, "device_authorization_endpoint")),
                    uriOrNull(Json.text(doc, "revocation_endpoint")));
        }
        return discovery;
    }

    public Tokens password(String username, char[] password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", CLIENT_ID);
        form.put("username", username);
        form.put("password", new String(password));
        form.put("scope", "openid");
        return tokens(post(discovery().tokenEndpoint(), form));
    }

    public Tokens refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", CLIENT_ID);
        form.put("refresh_token", refreshToken);
        return tokens(post(discovery().tokenEndpoint(), form));
    }

    public DeviceAuthorization startDeviceAuthorization() {
        URI endpoint = discovery().deviceEndpoint();
        if (endpoint == null) {
            throw CliException.auth("the OIDC provider at " + issuer
                    + " offers no device authorization endpoint; use `runway login --password`");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", CLIENT_ID);
        form.put("scope", "openid");
        ApiResponse response = post(endpoint, form);
        JsonNode body = response.json();
        if (!response.successful() || body == null) {
            throw oauthError(response);
        }
        return new DeviceAuthorization(Json.text(body, "device_code"), Json.text(body, "user_code"),
                Json.text(body, "verification_uri"), Json.text(body, "verification_uri_complete"),
                Duration.ofSeconds(body.path("expires_in").asLong(600)),
                body.hasNonNull("interval") ? Duration.ofSeconds(body.get("interval").asLong()) : DEFAULT_INTERVAL);
    }

    /**
     * Polls the token endpoint until the user approves, denies, or the device code expires (RFC 8628 §3.4-3.5):
     * authorization_pending waits one interval, slow_down lengthens the interval for good.
     */
    public Tokens awaitDeviceApproval(DeviceAuthorization device, Consumer<Duration> onSlowDown) {
        Instant deadline = ctx.clock().instant().plus(device.expiresIn());
        Duration interval = device.interval();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", DEVICE_GRANT);
        form.put("client_id", CLIENT_ID);
        form.put("device_code", device.deviceCode());
        while (true) {
            sleep(interval);
            if (ctx.clock().instant().isAfter(deadline)) {
                throw CliException.auth("the code " + device.userCode() + " expired before it was approved;"
                        + " run `runway login` again");
            }
            try {
                return tokens(post(discovery().tokenEndpoint(), form));
            } catch (OAuthException e) {
                switch (e.error()) {
                    case "authorization_pending" -> {
                    }
                    case "slow_down" -> {
                        interval = interval.plus(SLOW_DOWN_STEP);
                        onSlowDown.accept(interval);
                    }
                    case "expired_token" -> throw CliException.auth("the code " + device.userCode()
                            + " expired before it was approved; run `runway login` again");
                    case "access_denied" -> throw CliException.auth("the login was denied");
                    default -> throw CliException.auth("login failed: " + e.getMessage());
                }
            }
        }
    }

    /** Best effort: the refresh token stops working at the provider, not only on this disk. */
    public boolean revoke(String refreshToken) {
        URI endpoint = discovery().revocationEndpoint();
        if (endpoint == null) {
            return false;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", CLIENT_ID);
        form.put("token", refreshToken);
        form.put("token_type_hint", "refresh_token");
        return post(endpoint, form).successful();
    }

    private void sleep(Duration interval) {
        try {
            ctx.sleeper().sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.auth("login interrupted");
        }
    }

    private ApiResponse post(URI endpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return ApiClient.exchange(ctx, HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private static Tokens tokens(ApiResponse response) {
        JsonNode body = response.json();
        if (!response.successful() || body == null || Json.text(body, "access_token") == null) {
            throw oauthError(response);
        }
        return new Tokens(Json.text(body, "access_token"),
                Duration.ofSeconds(body.path("expires_in").asLong(60)), Json.text(body, "refresh_token"),
                body.hasNonNull("refresh_expires_in") ? Duration.ofSeconds(body.get("refresh_expires_in").asLong())
                        : null);
    }

    private static OAuthException oauthError(ApiResponse response) {
        JsonNode body = response.json();
        String error = Json.text(body, "error");
        return new OAuthException(error != null ? error : "http_" + response.status(),
                Json.text(body, "error_description"));
    }

    private static URI uriOrNull(String s) {
        return s == null ? null : URI.create(s);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
