package dev.runway.common.rest;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Answers who the service thinks the caller is: the cheapest end-to-end check that a token from the SSO
 * provider is accepted (signature, issuer, audience, expiry) by every Runway service.
 */
@Path("/api/v1/ping")
@Tag(name = "platform", description = "What every Runway service answers alike, such as whether it accepts the caller's token")
public class PingResource {
    private final SecurityIdentity identity;
    private final String service;

    public PingResource(SecurityIdentity identity, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.identity = identity;
        this.service = service;
    }

    public record Pong(String service, String caller, List<String> roles) {
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check that the caller's token is accepted")
    @APIResponse(responseCode = "200", description = "The service and the caller it authenticated")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    public Pong ping() {
        Set<String> roles = new TreeSet<>(identity.getRoles());
        return new Pong(service, identity.getPrincipal().getName(), List.copyOf(roles));
    }
}
