package dev.runway.common.resilience;

import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import dev.runway.common.policy.Actions;
import dev.runway.common.policy.DecisionRequest;
import dev.runway.common.policy.DecisionResource;
import dev.runway.common.testing.HangingStandIn;

/**
 * Stands in for access-service's decision API, answering every decision with "allow" until told to hang (see
 * {@link HangingStandIn}); it counts the decision requests that reach it. The application under test gets short
 * boundary settings, so that a run takes seconds, not minutes.
 */
public class HangingAccessService extends HangingStandIn {
    static final String TIMEOUT = "500ms";
    static final String BREAKER_DELAY = "2s";
    static final int VOLUME = 4;
    /** What the tests ask: may the caller write payments-api. */
    static final DecisionRequest QUESTION = DecisionRequest.forCaller(Actions.CATALOG_ENTITY_WRITE,
            DecisionResource.entity("Component", "default", "payments-api", "payments"));
    private static final String URL = "test.hanging-access-service.url";

    private boolean productionBoundaries;

    public HangingAccessService() {
        super(false);
    }

    /** {@code boundaries=production}: keep the shipped boundary settings (for the benchmark). */
    @Override
    public void init(Map<String, String> initArgs) {
        productionBoundaries = "production".equals(initArgs.get("boundaries"));
    }

    @Override
    protected void serve(HttpServer server) {
        server.createContext("/api/v1/decisions", x -> {
            if (held(x)) {
                return;
            }
            boolean reach = x.getRequestURI().getPath().endsWith("/reach");
            answer(x, 200, reach ? "{\"everything\":true}" : "{\"decision\":\"ALLOW\",\"reason\":\"stand-in\"}");
        });
    }

    @Override
    protected Map<String, String> config(String base) {
        Map<String, String> config = new HashMap<>(Map.of("quarkus.rest-client.runway-access.url", base,
                "quarkus.rest-client.runway-access.connect-timeout", "2000",
                "quarkus.rest-client.runway-access.read-timeout", "5000",
                URL, base));
        if (!productionBoundaries) {
            String boundary = "runway.boundaries." + Boundaries.ACCESS_SERVICE + ".";
            config.putAll(Map.of(boundary + "timeout", TIMEOUT,
                    boundary + "request-volume-threshold", Integer.toString(VOLUME),
                    boundary + "failure-ratio", "0.5",
                    boundary + "breaker-delay", BREAKER_DELAY));
        }
        return config;
    }

    /** The test's side, over HTTP. */
    static final class Control extends HangingStandIn.Control {
        Control() {
            super(URL);
        }
    }
}
