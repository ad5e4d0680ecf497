package dev.runway.provisioning.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Kubernetes API server (the fabric8 mock in CRUD mode) behind a proxy that injects faults: it answers 503, or
 * holds requests beyond the client's timeout (and forwards them afterwards, as a slow API server that applies a
 * change after its client gave up does). Its {@link #order()} makes its API server URL win over the shared
 * {@code @WithKubernetesTestServer} of other classes.
 */
public class FaultyKubernetesApi implements QuarkusTestResourceLifecycleManager {
    public enum Fault { NONE, UNAVAILABLE, TIMEOUT }

    /** How long the client waits for an answer; TIMEOUT holds requests longer. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private static KubernetesMockServer api;
    private static HttpServer proxy;
    private static ExecutorService workers;
    private static volatile Fault fault = Fault.NONE;
    private static final AtomicInteger passesBeforeFault = new AtomicInteger();
    private static final AtomicInteger faulted = new AtomicInteger();
    private static final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Map<String, String> start() {
        api = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        api.init();
        try {
            proxy = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        workers = Executors.newFixedThreadPool(8);
        proxy.setExecutor(workers);
        proxy.createContext("/", FaultyKubernetesApi::handle);
        proxy.start();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.kubernetes-client.api-server-url", "http://localhost:" + proxy.getAddress().getPort());
        config.put("quarkus.kubernetes-client.trust-certs", "true");
        config.put("quarkus.kubernetes-client.namespace", "test");
        config.put("quarkus.kubernetes-client.request-timeout", CLIENT_TIMEOUT.toMillis() + "ms");
        return config;
    }

    @Override
    public void stop() {
        proxy.stop(0);
        workers.shutdownNow();
        api.destroy();
    }

    /** A client straight to the API server, past the faults, to see what is really there. */
    static NamespacedKubernetesClient direct() {
        return api.createClient();
    }

    /** Lets {@code passes} more requests through, then injects {@code next} into every request until healed. */
    static void inject(Fault next, int passes) {
        passesBeforeFault.set(passes);
        fault = next;
    }

    static void heal() {
        fault = Fault.NONE;
    }

    /** How many requests were refused or held so far. */
    static int faulted() {
        return faulted.get();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Fault now = fault;
            if (now != Fault.NONE && passesBeforeFault.getAndDecrement() <= 0) {
                faulted.incrementAndGet();
                if (now == Fault.UNAVAILABLE) {
                    byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                            + "\"message\":\"injected: unavailable\",\"reason\":\"ServiceUnavailable\",\"code\":503}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(503, body.length);
                    exchange.getResponseBody().write(body);
                    return;
                }
                Thread.sleep(CLIENT_TIMEOUT.multipliedBy(3).toMillis());
            }
            HttpResponse<byte[]> answer = forward.send(request(exchange), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (TIMEOUT): what the API server did with the request stays done.
        }
    }

    private static HttpRequest request(HttpExchange exchange) throws IOException {
        URI target = URI.create(api.url(exchange.getRequestURI().toString().substring(1)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder b = HttpRequest.newBuilder(target)
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return b.build();
    }
}
