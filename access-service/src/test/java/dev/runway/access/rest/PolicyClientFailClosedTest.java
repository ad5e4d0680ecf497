package dev.runway.access.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.runway.common.error.NotPermittedException;
import dev.runway.common.error.UpstreamUnavailableException;
import dev.runway.common.policy.AccessDecisions;
import dev.runway.common.policy.Actions;
import dev.runway.common.policy.Decision;
import dev.runway.common.policy.DecisionApi;
import dev.runway.common.policy.DecisionRequest;
import dev.runway.common.policy.DecisionResource;
import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * runway-common's typed client over the real transport: against this access-service it answers, and when
 * access-service is unreachable or failing it never allows (503 via {@link UpstreamUnavailableException}).
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = Callers.DATABASE))
class PolicyClientFailClosedTest {
    private static final DecisionRequest WRITE_PAYMENTS_API = DecisionRequest.forCaller(Actions.CATALOG_ENTITY_WRITE,
            DecisionResource.entity("Component", "default", "payments-api", "payments"));

    @TestHTTPResource("/")
    URL accessService;

    private static AccessDecisions client(URI base) {
        DecisionApi api = QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build(DecisionApi.class);
        return new AccessDecisions(api);
    }

    @Test
    void answersFromTheRealService() throws Exception {
        AccessDecisions decisions = client(accessService.toURI());
        assertEquals(Decision.Effect.ALLOW, decisions.require(Callers.alice(), WRITE_PAYMENTS_API).decision());
        assertThrows(NotPermittedException.class, () -> decisions.require(Callers.carol(), WRITE_PAYMENTS_API));
        assertEquals(List.of(Decision.Effect.ALLOW, Decision.Effect.DENY),
                decisions.decideAll(Callers.alice(), List.of(WRITE_PAYMENTS_API, DecisionRequest.forCaller(
                        Actions.AUDIT_READ, DecisionResource.AUDIT_LOG))).stream().map(Decision::decision).toList());
    }

    @Test
    void closedPortFailsClosed() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AccessDecisions decisions = client(URI.create("http://127.0.0.1:" + port));
        assertThrows(UpstreamUnavailableException.class, () -> decisions.decide(Callers.alice(), WRITE_PAYMENTS_API));
        assertThrows(UpstreamUnavailableException.class,
                () -> decisions.decideAll(Callers.alice(), List.of(WRITE_PAYMENTS_API)));
    }

    @Test
    void serverErrorFailsClosed() throws IOException {
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            byte[] body = "{\"decision\":\"ALLOW\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            // A 500 carrying an "allow"-looking body must still never allow.
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        failing.start();
        try {
            AccessDecisions decisions = client(URI.create("http://127.0.0.1:" + failing.getAddress().getPort()));
            UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class,
                    () -> decisions.require(Callers.alice(), WRITE_PAYMENTS_API));
            assertEquals(503, e.kind().status);
        } finally {
            failing.stop(0);
        }
    }
}
