package dev.runway.ui.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the portal finds the services it calls on the user's behalf. */
@ConfigMapping(prefix = "runway.portal")
public interface PortalConfig {

    Services services();

    interface Services {
        @WithDefault("http://localhost:8083")
        String access();

        @WithDefault("http://localhost:8081")
        String catalog();

        @WithDefault("http://localhost:8082")
        String provisioning();
    }
}
