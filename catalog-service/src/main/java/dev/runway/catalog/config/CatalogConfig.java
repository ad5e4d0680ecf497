package dev.runway.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "runway.catalog")
public interface CatalogConfig {
    /**
     * How old a replica's snapshot of the registered kinds may grow before it is read again from the database: the
     * bound within which a kind registered, changed or removed on another replica is honoured on this one.
     */
    @WithDefault("2s")
    java.time.Duration kindsRefresh();

    /** Page size when the caller names none. */
    @WithDefault("50")
    int defaultPageSize();

    /** Hard cap on the page size: larger requests are rejected rather than silently served slowly. */
    @WithDefault("500")
    int maxPageSize();

    /** Deepest dependency graph a caller may ask for. */
    @WithDefault("5")
    int maxGraphDepth();

    /** Most edges one graph answer carries; beyond it the answer says it was truncated. */
    @WithDefault("2000")
    int maxGraphEdges();

    /**
     * How often FacetCompaction folds the facet deltas of recent writes into the counts (read by its
     * {@code @Scheduled} expression; declared here so that the setting belongs to the catalog's configuration).
     */
    @WithDefault("2s")
    String facetCompactionInterval();
}
