package dev.runway.ui.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the portal finds the services it calls on the user's behalf, and how it watches sign-in. */
@ConfigMapping(prefix = "runway.portal")
public interface PortalConfig {

    Services services();

    SignIn signIn();

    interface Services {
        @WithDefault("http://localhost:8083")
        String access();

        @WithDefault("http://localhost:8081")
        String catalog();

        @WithDefault("http://localhost:8082")
        String provisioning();
    }

    interface SignIn {
        /**
         * How old the portal's last look at the identity provider may be when it is about to send a browser there
         * to sign in; an older one is refreshed first (one probe of the discovery document).
         */
        @WithDefault("3S")
        Duration providerStatusMaxAge();
    }
}
