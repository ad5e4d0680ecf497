package dev.runway.catalog.testing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.runway.common.testing.PolicyDecisionDouble;
import io.quarkus.test.Mock;

/** Replaces the REST client to access-service in catalog's tests with runway-common's policy decision double. */
@Mock
@ApplicationScoped
@RestClient
public class AccessServiceDouble extends PolicyDecisionDouble {
}
