package dev.runway.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.config.ConfigProvider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A remote Runway service that can hang like one stopped with SIGSTOP: it accepts connections and requests and answers
 * nothing until told to resume. It counts the requests that reach its endpoints, so a test can tell a call refused by
 * a circuit breaker from one that went out and timed out. Subclasses serve the remote's endpoints, each handler
 * starting with {@link #held}, and point the application at it.
 *
 * <p>Controlled over HTTP ({@link Control}: {@code /stand-in/hang}, {@code /stand-in/resume},
 * {@code /stand-in/requests}), since the test and this resource live in different class loaders.
 */
public abstract class HangingStandIn implements QuarkusTestResourceLifecycleManager {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicReference<CountDownLatch> hang = new AtomicReference<>();
    private final boolean hungFromStart;
    private ExecutorService threads;
    private HttpServer server;

    /** @param hungFromStart hang from the start (and until stopped, unless resumed) */
    protected HangingStandIn(boolean hungFromStart) {
        this.hungFromStart = hungFromStart;
    }

    /** Adds the remote's endpoints. */
    protected abstract void serve(HttpServer server);

    /** The application's settings that aim it at the stand-in at {@code base}. */
    protected abstract Map<String, String> config(String base);

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (hungFromStart) {
            hang.set(new CountDownLatch(1));
        }
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/stand-in/hang", x -> {
            hang.compareAndSet(null, new CountDownLatch(1));
            answer(x, 204, null);
        });
        server.createContext("/stand-in/resume", x -> {
            resume();
            answer(x, 204, null);
        });
        server.createContext("/stand-in/requests", x -> answer(x, 200, Long.toString(requests.get())));
        serve(server);
        server.start();
        return config("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        resume();
        if (server != null) {
            server.stop(0);
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    /**
     * Counts a request to the remote and, while the stand-in hangs, holds it until resumed and then drops it: the
     * caller has long given up and gets no answer.
     *
     * @return true when the request was held and dropped, so the handler must not answer it
     */
    protected boolean held(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        x.getRequestBody().readAllBytes();
        CountDownLatch hung = hang.get();
        if (hung == null) {
            return false;
        }
        try {
            hung.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        x.close();
        return true;
    }

    /** A JSON answer; no body when {@code body} is null. */
    protected static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private void resume() {
        CountDownLatch hung = hang.getAndSet(null);
        if (hung != null) {
            hung.countDown();
        }
    }

    /** The test's side: switches the stand-in and reads its count, over HTTP. */
    public static class Control {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;

        /** @param urlProperty the config property under which the stand-in published its base URL */
        public Control(String urlProperty) {
            base = ConfigProvider.getConfig().getValue(urlProperty, String.class);
        }

        public void hang() {
            send("/stand-in/hang");
        }

        public void resume() {
            send("/stand-in/resume");
        }

        public long requests() {
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
