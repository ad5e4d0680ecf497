package dev.runway.common.config;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

/**
 * Quarkus registers (and so validates) only the config mappings something injects: this bean injects
 * {@link InstallationSecrets} so that every service checks its secrets while its configuration is built, before
 * anything starts. Being a startup bean, it is never removed as unused.
 */
@Startup
@ApplicationScoped
class InstallationSecretsCheck {

    InstallationSecretsCheck(InstallationSecrets secrets) {
        // Nothing to do here: the check ran when the configuration was built.
    }
}
