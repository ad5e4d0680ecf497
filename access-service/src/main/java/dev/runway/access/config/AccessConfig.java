package dev.runway.access.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of access requests and their notifications. */
@ConfigMapping(prefix = "runway.access")
public interface AccessConfig {

    /** How often expired grants and lapsed requests are removed (read by the scheduler's expression). */
    String expiryInterval();

    Requests requests();

    Notifications notifications();

    interface Requests {
        /** Absolute cap on a grant's duration (Teleport's cap). */
        @WithDefault("P14D")
        Duration maxDuration();

        /** Cap for roles that may delete or approve (maintainer, owner, platform-admin). */
        @WithDefault("P7D")
        Duration elevatedMaxDuration();

        /** A request nobody decided lapses after this. */
        @WithDefault("PT24H")
        Duration pendingTtl();
    }

    interface Notifications {
        /** Slack-compatible incoming webhook; absent: notifications are off. */
        Optional<URI> webhookUrl();

        @WithDefault("PT5S")
        Duration timeout();
    }
}
