package dev.runway.common.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.config.ConfigProvider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.runway.common.policy.Actions;
import dev.runway.common.policy.DecisionRequest;
import dev.runway.common.policy.DecisionResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for access-service's decision API, and can hang like an access-service stopped with SIGSTOP: it accepts
 * connections and requests and answers nothing until told to resume. It counts the decision requests that reach it,
 * so a test can tell a call refused by the breaker from one that went out and timed out.
 *
 * <p>Controlled over HTTP ({@link Control}), since the test and this resource live in different class loaders.
 * The application under test gets short boundary settings, so that a run takes seconds, not minutes.
 */
public class HangingAccessService implements QuarkusTestResourceLifecycleManager {
    static final String TIMEOUT = "500ms";
    static final String BREAKER_DELAY = "2s";
    static final int VOLUME = 4;
    /** What the tests ask: may the caller write payments-api. */
    static final DecisionRequest QUESTION = DecisionRequest.forCaller(Actions.CATALOG_ENTITY_WRITE,
            DecisionResource.entity("Component", "default", "payments-api", "payments"));

    private final AtomicLong requests = new AtomicLong();
    private boolean productionBoundaries;
    private final AtomicReference<CountDownLatch> hang = new AtomicReference<>();
    private ExecutorService threads;
    private HttpServer server;

    /** {@code boundaries=production}: keep the shipped boundary settings (for the benchmark). */
    @Override
    public void init(Map<String, String> initArgs) {
        productionBoundaries = "production".equals(initArgs.get("boundaries"));
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/api/v1/decisions", this::decide);
        server.createContext("/stand-in/hang", x -> {
            hang.compareAndSet(null, new CountDownLatch(1));
            answer(x, 204, null);
        });
        server.createContext("/stand-in/resume", x -> {
            CountDownLatch hung = hang.getAndSet(null);
            if (hung != null) {
                hung.countDown();
            }
            answer(x, 204, null);
        });
        server.createContext("/stand-in/requests", x -> answer(x, 200, Long.toString(requests.get())));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> config = new HashMap<>(Map.of("quarkus.rest-client.runway-access.url", base,
                "quarkus.rest-client.runway-access.connect-timeout", "2000",
                "quarkus.rest-client.runway-access.read-timeout", "5000",
                "test.hanging-access-service.url", base));
        if (!productionBoundaries) {
            String boundary = "runway.boundaries." + Boundaries.ACCESS_SERVICE + ".";
            config.putAll(Map.of(boundary + "timeout", TIMEOUT,
                    boundary + "request-volume-threshold", Integer.toString(VOLUME),
                    boundary + "failure-ratio", "0.5",
                    boundary + "breaker-delay", BREAKER_DELAY));
        }
        return config;
    }

    @Override
    public void stop() {
        CountDownLatch hung = hang.getAndSet(null);
        if (hung != null) {
            hung.countDown();
        }
        if (server != null) {
            server.stop(0);
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    private void decide(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        x.getRequestBody().readAllBytes();
        CountDownLatch hung = hang.get();
        if (hung != null) {
            try {
                hung.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close(); // the caller has long given up; it gets no answer
            return;
        }
        boolean reach = x.getRequestURI().getPath().endsWith("/reach");
        answer(x, 200, reach ? "{\"everything\":true}" : "{\"decision\":\"ALLOW\",\"reason\":\"stand-in\"}");
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    /** The test's side: switches the stand-in and reads its count, over HTTP. */
    static final class Control {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base = ConfigProvider.getConfig().getValue("test.hanging-access-service.url", String.class);

        void hang() {
            send("/stand-in/hang");
        }

        void resume() {
            send("/stand-in/resume");
        }

        long requests() {
            return Long.parseLong(send("/stand-in/requests"));
        }

        private String send(String path) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
