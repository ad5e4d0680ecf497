package dev.runway.catalog.policy;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** Builds the {@link Caller} of the current request from the verified token only, never from the body. */
@RequestScoped
public class CallerContext {
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final HttpServerRequest request;

    public CallerContext(SecurityIdentity identity, JsonWebToken token, HttpServerRequest request) {
        this.identity = identity;
        this.token = token;
        this.request = request;
    }

    public Caller caller() {
        Set<String> teams = new TreeSet<>(token.getGroups() == null ? Set.of() : token.getGroups());
        String requestId = request.getHeader("X-Request-Id");
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new Caller(identity.getPrincipal().getName(), Set.copyOf(teams), Set.copyOf(identity.getRoles()),
                requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId, address);
    }
}
