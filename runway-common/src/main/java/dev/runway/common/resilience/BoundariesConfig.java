package dev.runway.common.resilience;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithParentName;

/**
 * How calls to each remote service are bounded ({@code runway.boundaries.<remote>.*}, the remote named as in
 * {@link Boundaries#of}). A remote not configured gets the defaults below; see RELIABILITY.md, "Boundaries".
 */
@ConfigMapping(prefix = "runway.boundaries")
public interface BoundariesConfig {

    @WithParentName
    @WithDefaults
    Map<String, Remote> remotes();

    interface Remote {
        /**
         * How long one call may take before it is abandoned and counted as a failure. Well below the REST client's
         * read timeout, which stays as the transport's own backstop; not much lower, since the first call of a
         * freshly started service also builds its client, which took over 1 s on a busy 2-core machine.
         */
        @WithDefault("2S")
        Duration timeout();

        /** Further attempts of an idempotent call that failed to connect or got a 5xx; never after a timeout. */
        @WithDefault("1")
        int retries();

        /** Pause before such a retry (with up to half of it as random jitter). */
        @WithDefault("0.1S")
        Duration retryDelay();

        /** The breaker's rolling window: how many recent calls it judges. */
        @WithDefault("6")
        int requestVolumeThreshold();

        /** The share of failures in that window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker answers at once, before it lets one trial call through. */
        @WithDefault("5S")
        Duration breakerDelay();

        /** Trial calls that must succeed to close the breaker again. */
        @WithDefault("1")
        int successThreshold();
    }
}
