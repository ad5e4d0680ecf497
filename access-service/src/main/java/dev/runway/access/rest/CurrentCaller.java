package dev.runway.access.rest;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.runway.access.service.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/** The request's caller as the services see it: identity from the verified token only, never from a body. */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final CurrentVertxRequest request;

    public CurrentCaller(SecurityIdentity identity, JsonWebToken token, CurrentVertxRequest request) {
        this.identity = identity;
        this.token = token;
        this.request = request;
    }

    public Caller get() {
        String displayName = token.getClaim("name");
        List<String> teams = token.getGroups() == null ? List.of() : token.getGroups().stream().sorted().toList();
        String requestId = null;
        String address = null;
        if (request.getCurrent() != null) {
            requestId = request.getCurrent().request().getHeader("X-Request-Id");
            address = request.getCurrent().request().remoteAddress() == null ? null
                    : request.getCurrent().request().remoteAddress().hostAddress();
        }
        return new Caller(identity.getPrincipal().getName(), displayName, teams, identity.getRoles(),
                requestId == null || requestId.length() > 128 ? UUID.randomUUID().toString() : requestId, address);
    }
}
