package dev.runway.ui.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A test double of one Runway service on a free loopback port, pointed at by the portal's configuration key for
 * that service; subclasses answer its {@code /api/v1/} requests.
 */
abstract class ServiceDouble implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;

    /** The portal's configuration key of the service this double stands in for. */
    protected abstract String serviceUrlKey();

    protected abstract void handle(HttpExchange x) throws IOException;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/", this::handle);
        server.start();
        return Map.of(serviceUrlKey(), "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static void send(HttpExchange x, int status, String body) throws IOException {
        send(x, status, "application/json", body);
    }

    static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
