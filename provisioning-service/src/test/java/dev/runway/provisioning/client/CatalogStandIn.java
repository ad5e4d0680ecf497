package dev.runway.provisioning.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A small HTTP server answering like catalog-service's entity API (201/409, ETag and If-Match, 204/404) and like
 * Keycloak's token endpoint, so the real REST client, its token filter and its status handling are exercised.
 * Entity writes require the bearer token the token endpoint hands out for provisioning-service's credentials.
 */
public class CatalogStandIn implements QuarkusTestResourceLifecycleManager {
    static final String TOKEN = "stand-in-token";
    private static final String ENTITIES = "/api/v1/entities";
    private static final String ONE = ENTITIES + "/resource/default/";

    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", this::token);
        server.createContext(ENTITIES, this::entities);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.runway-catalog.url", base,
                "runway.outbox.token-url", base + "/token",
                "test.catalog-stand-in.url", base);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void token(HttpExchange x) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString("provisioning-service:test-only-client-secret"
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
            answer(x, 401, null, "{\"error\":\"invalid_client\"}");
            return;
        }
        answer(x, 200, null, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":300}");
    }

    private void entities(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        boolean reading = method.equals("GET");
        if (!reading && !("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
            answer(x, 401, null, "{}");
            return;
        }
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (method.equals("POST") && path.equals(ENTITIES)) {
            String name = body.replaceAll("(?s).*\"metadata\":\\{\"name\":\"([^\"]+)\".*", "$1");
            if (bodies.containsKey(name)) {
                answer(x, 409, null, "{}");
                return;
            }
            bodies.put(name, body);
            versions.put(name, 1);
            answer(x, 201, "\"1\"", body);
            return;
        }
        String name = path.startsWith(ONE) ? path.substring(ONE.length()) : null;
        if (name == null || !bodies.containsKey(name)) {
            answer(x, 404, null, "{}");
            return;
        }
        String etag = "\"" + versions.get(name) + "\"";
        switch (method) {
            case "GET" -> answer(x, 200, etag, bodies.get(name));
            case "PUT" -> {
                if (!etag.equals(x.getRequestHeaders().getFirst("If-Match"))) {
                    answer(x, 412, null, "{}");
                    return;
                }
                bodies.put(name, body);
                versions.merge(name, 1, Integer::sum);
                answer(x, 200, "\"" + versions.get(name) + "\"", body);
            }
            case "DELETE" -> {
                bodies.remove(name);
                versions.remove(name);
                answer(x, 204, null, null);
            }
            default -> answer(x, 405, null, "{}");
        }
    }

    private static void answer(HttpExchange x, int status, String etag, String body) throws IOException {
        if (etag != null) {
            x.getResponseHeaders().add("ETag", etag);
        }
        x.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
