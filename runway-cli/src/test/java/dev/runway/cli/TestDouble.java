package dev.runway.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A test double of Keycloak's endpoints and of the Runway APIs: an in-process HTTP server that answers from
 * scripted responses and records every request, so tests can check exactly what the CLI sends.
 */
final class TestDouble implements AutoCloseable {
    record Request(String method, String path, String query, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** The body decoded as an application/x-www-form-urlencoded form. */
        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            return form;
        }
    }

    record Response(int status, String contentType, String body) {
        static Response json(int status, String body) {
            return new Response(status, "application/json", body);
        }

        static Response problem(int status, String body) {
            return new Response(status, "application/problem+json", body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Function<Request, Response>>> scripts = new HashMap<>();

    TestDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String issuer() {
        return url() + "/realms/runway";
    }

    /** Serves the discovery document of {@link #issuer()} with Keycloak's endpoint paths. */
    TestDouble withDiscovery() {
        String base = issuer() + "/protocol/openid-connect";
        always("GET", "/realms/runway/.well-known/openid-configuration", r -> Response.json(200, "{\"issuer\":\""
                + issuer() + "\",\"token_endpoint\":\"" + base + "/token\",\"device_authorization_endpoint\":\""
                + base + "/auth/device\",\"revocation_endpoint\":\"" + base + "/revoke\"}"));
        return this;
    }

    /** Answers the next request to METHOD PATH; several calls queue answers in order. */
    TestDouble on(String method, String path, Response response) {
        return on(method, path, r -> response);
    }

    TestDouble on(String method, String path, Function<Request, Response> responder) {
        scripts.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).add(responder);
        return this;
    }

    /** Answers every request to METHOD PATH. */
    TestDouble always(String method, String path, Function<Request, Response> responder) {
        scripts.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).add(new Sticky(responder));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    Request only(String method, String path) {
        List<Request> matching = requests(method, path);
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " " + path + ", got " + matching.size() + ": "
                    + requests);
        }
        return matching.get(0);
    }

    private record Sticky(Function<Request, Response> responder) implements Function<Request, Response> {
        @Override
        public Response apply(Request r) {
            return responder.apply(r);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request);
        Deque<Function<Request, Response>> queue = scripts.get(request.method() + " " + request.path());
        Response response;
        synchronized (this) {
            if (queue == null || queue.isEmpty()) {
                response = Response.problem(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"test double has"
                        + " no answer for " + request.method() + " " + request.path() + "\"}");
            } else {
                Function<Request, Response> next = queue.peek() instanceof Sticky ? queue.peek() : queue.poll();
                response = next.apply(request);
            }
        }
        byte[] body = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
        if (response.contentType() != null) {
            exchange.getResponseHeaders().add("Content-Type", response.contentType());
        }
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
