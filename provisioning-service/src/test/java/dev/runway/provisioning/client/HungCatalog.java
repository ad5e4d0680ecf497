package dev.runway.provisioning.client;

import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import dev.runway.common.testing.HangingStandIn;

/**
 * A catalog-service that hangs from the start (see {@link HangingStandIn}): it hands out service tokens, accepts every
 * entity request and answers none, as a stopped process would, counting them. The catalog boundary gets a short
 * timeout, a window of 4 calls and a breaker delay longer than the test, so that once open it stays open.
 */
public class HungCatalog extends HangingStandIn {
    static final int VOLUME = 4;
    static final String URL = "test.hung-catalog.url";

    public HungCatalog() {
        super(true);
    }

    @Override
    protected void serve(HttpServer server) {
        server.createContext("/token", x -> answer(x, 200, "{\"access_token\":\"hung-catalog\",\"expires_in\":300}"));
        server.createContext("/api/v1/entities", x -> {
            if (!held(x)) {
                answer(x, 503, null);
            }
        });
    }

    @Override
    protected Map<String, String> config(String base) {
        return Map.of("quarkus.rest-client.runway-catalog.url", base,
                "runway.outbox.token-url", base + "/token",
                "runway.boundaries.catalog-service.timeout", "500ms",
                "runway.boundaries.catalog-service.request-volume-threshold", Integer.toString(VOLUME),
                "runway.boundaries.catalog-service.breaker-delay", "10m",
                URL, base);
    }
}
