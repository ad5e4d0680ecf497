package dev.runway.common.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code runway.security.token-cache.*}: reuse of bearer-token verifications, see {@link VerifiedTokens}. */
@ConfigMapping(prefix = "runway.security.token-cache")
public interface TokenCacheConfig {

    /** How many distinct tokens are remembered; 0 turns the cache off (every request is verified in full). */
    @WithDefault("10000")
    int maxSize();

    /** The longest a verdict is reused, however long the token itself is valid. */
    @WithDefault("60s")
    Duration maxAge();
}
