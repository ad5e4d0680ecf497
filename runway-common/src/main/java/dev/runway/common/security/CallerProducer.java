package dev.runway.common.security;

import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;

/**
 * The one producer of {@link Caller}, the same in every service. Resolved once per request, so the request id
 * generated for a caller that sent none stays the same for everything the request records.
 */
@RequestScoped
public class CallerProducer {
    /** A caller-supplied request id ends up in audit records: accept only a short, plain token. */
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private Caller caller;

    public CallerProducer(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    /** Dependent: a record cannot be proxied; inject {@code Provider<Caller>} where the bean outlives a request. */
    @Produces
    public Caller caller() {
        if (caller == null) {
            caller = resolve();
        }
        return caller;
    }

    private Caller resolve() {
        Principal principal = identity.getPrincipal();
        String username = principal.getName();
        String displayName = username;
        List<String> teams = List.of();
        String token = null;
        if (principal instanceof JsonWebToken jwt) {
            Object name = jwt.getClaim("name");
            displayName = name == null ? username : name.toString();
            teams = teams(jwt.getGroups());
            token = jwt.getRawToken();
        }
        HttpServerRequest http = request.getCurrent() == null ? null : request.getCurrent().request();
        String requestId = http == null ? null : http.getHeader("X-Request-Id");
        String address = http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return new Caller(username, displayName, teams, identity.getRoles(),
                requestId != null && SANE_REQUEST_ID.matcher(requestId).matches() ? requestId
                        : UUID.randomUUID().toString(),
                address, token);
    }

    /** Keycloak's group mapper may emit full paths ("/payments"); teams are the group names. */
    static List<String> teams(Collection<String> groups) {
        if (groups == null) {
            return List.of();
        }
        return groups.stream().map(g -> g.startsWith("/") ? g.substring(1) : g).distinct().sorted().toList();
    }
}
