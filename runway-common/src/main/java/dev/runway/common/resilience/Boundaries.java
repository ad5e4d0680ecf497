package dev.runway.common.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One {@link Boundary} per remote service in this application, so that every client of the same remote shares its
 * circuit breaker: the remote is what hangs, not one of its endpoints.
 */
@ApplicationScoped
public class Boundaries {
    /** access-service: policy decisions and reach. */
    public static final String ACCESS_SERVICE = "access-service";
    /** catalog-service: the entities other services register. */
    public static final String CATALOG_SERVICE = "catalog-service";

    private final BoundariesConfig config;
    private final Map<String, Boundary> boundaries = new ConcurrentHashMap<>();

    public Boundaries(BoundariesConfig config) {
        this.config = config;
    }

    public Boundary of(String remote) {
        return boundaries.computeIfAbsent(remote, name -> Boundary.of(name, config.remotes().get(name)));
    }
}
