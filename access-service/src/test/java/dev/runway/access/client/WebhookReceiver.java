package dev.runway.access.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local chat-webhook receiver that records each POSTed body and answers 500, so that a test sees both the
 * notification and that a failing webhook does not block the request that caused it.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {
    static final BlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            RECEIVED.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        return Map.of("runway.access.notifications.webhook-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
