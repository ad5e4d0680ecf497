package dev.runway.ui.signin;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

/**
 * A minimal OpenID provider on a loopback port of its own, for the portal's sign-in fault tests: discovery, JWKS
 * and a token endpoint that answers any authorization code with tokens for alice, signed with a key made for the
 * run. It starts <em>stopped</em>: the port is reserved and closed, as with a provider that is down when the
 * portal starts. {@link #start()} and {@link #stop()} bring it up and down on the same port. No Keycloak involved.
 */
public class StoppableIdentityProvider implements QuarkusTestResourceLifecycleManager {
    static final String CLIENT_ID = "portal-ui";
    private static final KeyPair KEYS = keys();
    private static int port;
    private static HttpServer server;

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", issuer(),
                "quarkus.oidc.client-id", CLIENT_ID,
                // The drill's own bounds, not the platform's 30 s of retries at startup.
                "quarkus.oidc.connection-delay", "1S",
                // Every check of the provider is a fresh look, so the test needs no waiting.
                "runway.portal.sign-in.provider-status-max-age", "0S");
    }

    @Override
    public void stop() {
        stopServer();
    }

    static String issuer() {
        return "http://127.0.0.1:" + port + "/realms/runway";
    }

    static synchronized void startServer() throws IOException {
        if (server != null) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/realms/runway/.well-known/openid-configuration", x -> json(x, """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/protocol/openid-connect/auth",
                 "token_endpoint":"%1$s/protocol/openid-connect/token","jwks_uri":"%1$s/protocol/openid-connect/certs",
                 "end_session_endpoint":"%1$s/protocol/openid-connect/logout",
                 "response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer())));
        RSAPublicKey key = (RSAPublicKey) KEYS.getPublic();
        server.createContext("/realms/runway/protocol/openid-connect/certs", x -> json(x, """
                {"keys":[{"kty":"RSA","kid":"drill","use":"sig","alg":"RS256","n":"%s","e":"%s"}]}"""
                .formatted(base64Url(key.getModulus()), base64Url(key.getPublicExponent()))));
        server.createContext("/realms/runway/protocol/openid-connect/token", x -> {
            x.getRequestBody().readAllBytes();
            json(x, """
                    {"access_token":"%s","id_token":"%s","refresh_token":"drill-refresh","token_type":"Bearer",
                     "expires_in":300}""".formatted(token("Bearer"), token("ID")));
        });
        server.start();
    }

    static synchronized void stopServer() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private static String token(String type) {
        return Jwt.issuer(issuer()).subject("alice-id").audience(java.util.Set.of(CLIENT_ID, "runway-api"))
                .claim("typ", type).claim("preferred_username", "alice").claim("azp", CLIENT_ID)
                .claim("groups", List.of("payments")).claim("realm_access", Map.of("roles", List.of("developer")))
                .expiresIn(300).jws().keyId("drill").sign(KEYS.getPrivate());
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
