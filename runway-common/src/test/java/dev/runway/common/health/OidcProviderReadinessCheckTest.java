package dev.runway.common.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Readiness follows whether tokens can be verified: keys never fetched (DOWN) versus keys cached (UP). */
class OidcProviderReadinessCheckTest {
    private HttpServer provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.stop(0);
        }
    }

    private String startProvider(String jwks) throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/runway";
        provider.createContext("/realms/runway/.well-known/openid-configuration", x -> answer(x,
                "{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/protocol/openid-connect/certs\"}"));
        provider.createContext("/realms/runway/protocol/openid-connect/certs", x -> answer(x, jwks));
        provider.start();
        return base;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void readyOnceTheKeysAreFetchedAndStaysReadyWhenTheProviderGoesAway() throws IOException {
        String base = startProvider("{\"keys\":[{\"kid\":\"k1\",\"kty\":\"RSA\"}]}");
        OidcProviderReadinessCheck check = new OidcProviderReadinessCheck(Optional.of(base), Duration.ZERO);
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());

        provider.stop(0);
        provider = null;
        HealthCheckResponse during = check.call();
        assertEquals(HealthCheckResponse.Status.UP, during.getStatus(), "cached keys still verify tokens");
        assertTrue(during.getData().orElseThrow().get("provider").toString().startsWith("unreachable"));
    }

    @Test
    void notReadyWhileTheKeysHaveNeverBeenFetched() throws IOException {
        String base = startProvider("{\"keys\":[{\"kid\":\"k1\",\"kty\":\"RSA\"}]}");
        provider.stop(0);
        provider = null;
        OidcProviderReadinessCheck check = new OidcProviderReadinessCheck(Optional.of(base), Duration.ZERO);
        assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus());
    }

    @Test
    void aJwksWithoutKeysIsNotReady() throws IOException {
        String base = startProvider("{\"nothing\":[]}");
        OidcProviderReadinessCheck check = new OidcProviderReadinessCheck(Optional.of(base), Duration.ZERO);
        assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus());
    }
}
