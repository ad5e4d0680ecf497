package dev.runway.provisioning.rest;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.runway.provisioning.policy.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/** Builds the {@link Caller} of the current HTTP request from the verified token only. */
@RequestScoped
public class CallerResolver {
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final CurrentVertxRequest request;

    public CallerResolver(SecurityIdentity identity, JsonWebToken token, CurrentVertxRequest request) {
        this.identity = identity;
        this.token = token;
        this.request = request;
    }

    public Caller caller() {
        // Keycloak's group mapper may emit full paths ("/payments"); teams are the top-level group names.
        Set<String> teams = token.getGroups() == null ? Set.of()
                : token.getGroups().stream().map(g -> g.startsWith("/") ? g.substring(1) : g)
                        .collect(Collectors.toUnmodifiableSet());
        RoutingContext rc = request.getCurrent();
        String requestId = rc == null ? null : rc.request().getHeader("X-Request-Id");
        String address = rc == null || rc.request().remoteAddress() == null ? null
                : rc.request().remoteAddress().hostAddress();
        return new Caller(identity.getPrincipal().getName(), teams, Set.copyOf(identity.getRoles()),
                requestId == null ? UUID.randomUUID().toString() : requestId, address);
    }
}
