package dev.runway.common.config;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * The secrets of this installation a service uses ({@code runway.secrets.*}), each under the name of the environment
 * variable that sets it, so that a refusal names what to set.
 *
 * <p>Quarkus validates config mappings while it builds the runtime configuration, the first thing a packaged service
 * does and before any extension starts (Flyway's migrate-at-start included): a service with a missing or public
 * secret stops there, its database untouched. Each service lists its own, e.g.
 * {@code runway.secrets.required.RUNWAY_OIDC_CLIENT_SECRET=${runway.outbox.client-secret:}}.
 *
 * <p>Quarkus 3.27 validates constraints on a mapping's methods, not on the mapping type: the rule sits on
 * {@link #secrets()}, a group at the mapping's own prefix, where it sees all three settings.
 */
@ConfigMapping(prefix = "runway.secrets")
public interface InstallationSecrets {

    @WithParentName
    @NoPublicSecrets
    Secrets secrets();

    interface Secrets {
        /** Off in the dev and test profiles only, which run without any secret of an installation. */
        @WithDefault("true")
        boolean enforced();

        /** Secrets the service cannot run without: by variable, the value in use. */
        Map<String, Value> required();

        /** Secrets that may be absent (a password-less database login), but never public when given. */
        Map<String, Value> optional();
    }

    /** A secret's value, empty when unset: a plain map value cannot be empty, and an empty one must be reported. */
    interface Value {
        @WithParentName
        Optional<String> value();
    }
}
