package dev.runway.provisioning.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A catalog-service that hangs: it hands out service tokens, accepts every entity request and answers none (as a
 * stopped process would), counting them at {@code /stand-in/requests}. The catalog boundary gets a short timeout,
 * a window of 4 calls and a breaker delay longer than the test, so that once open it stays open.
 */
public class HungCatalog implements QuarkusTestResourceLifecycleManager {
    static final int VOLUME = 4;

    private final AtomicLong requests = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ExecutorService threads;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/token", x -> send(x, "{\"access_token\":\"hung-catalog\",\"expires_in\":300}"));
        server.createContext("/stand-in/requests", x -> send(x, Long.toString(requests.get())));
        server.createContext("/api/v1/entities", x -> {
            requests.incrementAndGet();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.runway-catalog.url", base,
                "runway.outbox.token-url", base + "/token",
                "runway.boundaries.catalog-service.timeout", "500ms",
                "runway.boundaries.catalog-service.request-volume-threshold", Integer.toString(VOLUME),
                "runway.boundaries.catalog-service.breaker-delay", "10m",
                "test.hung-catalog.url", base);
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (server != null) {
            server.stop(0);
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    private static void send(HttpExchange x, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
