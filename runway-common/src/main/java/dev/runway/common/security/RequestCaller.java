package dev.runway.common.security;

import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;

/** Resolves the {@link CallerIdentity} of the current request, the same way in every service. */
@RequestScoped
public class RequestCaller {
    /** A caller-supplied request id ends up in audit records: accept only a short, plain token. */
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    public RequestCaller(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    public CallerIdentity get() {
        Principal principal = identity.getPrincipal();
        String username = principal.getName();
        String displayName = username;
        List<String> teams = List.of();
        if (principal instanceof JsonWebToken token) {
            Object name = token.getClaim("name");
            displayName = name == null ? username : name.toString();
            teams = teams(token.getGroups());
        }
        HttpServerRequest http = request.getCurrent() == null ? null : request.getCurrent().request();
        String requestId = http == null ? null : http.getHeader("X-Request-Id");
        String address = http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return new CallerIdentity(username, displayName, teams, identity.getRoles(),
                requestId != null && SANE_REQUEST_ID.matcher(requestId).matches() ? requestId
                        : UUID.randomUUID().toString(),
                address);
    }

    /** Keycloak's group mapper may emit full paths ("/payments"); teams are the group names. */
    static List<String> teams(Collection<String> groups) {
        if (groups == null) {
            return List.of();
        }
        return groups.stream().map(g -> g.startsWith("/") ? g.substring(1) : g).distinct().sorted().toList();
    }
}
