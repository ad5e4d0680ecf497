package dev.runway.provisioning.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.common.audit.ClientCredentialsTokens;

/**
 * Calls to other Runway services carry provisioning-service's own token (client-credentials grant, role
 * {@code service}), fetched and cached by runway-common's {@link ClientCredentialsTokens} with the same client
 * the audit relay uses ({@code runway.outbox.token-url}, {@code client-id}, {@code client-secret}).
 */
@ApplicationScoped
public class ServiceTokenFilter implements ClientRequestFilter {
    private final ClientCredentialsTokens tokens;

    public ServiceTokenFilter(ObjectMapper json,
            @ConfigProperty(name = "runway.outbox.token-url") URI tokenUrl,
            @ConfigProperty(name = "runway.outbox.client-id") String clientId,
            @ConfigProperty(name = "runway.outbox.client-secret") String clientSecret) {
        this.tokens = new ClientCredentialsTokens(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                tokenUrl, clientId, clientSecret, json, Clock.systemUTC());
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.get());
    }
}
