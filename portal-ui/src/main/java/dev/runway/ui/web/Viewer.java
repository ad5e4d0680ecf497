package dev.runway.ui.web;

import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.runway.common.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is looking at the page, for templates ({@code inject:viewer}) and page handlers: the name, display name
 * and teams come from the verified ID token after an OIDC login, roles from the access token.
 */
@Named("viewer")
@RequestScoped
public class Viewer {
    private final SecurityIdentity identity;

    public Viewer(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    public String getUsername() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim("preferred_username") != null) {
            return token.getClaim("preferred_username").toString();
        }
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public String getDisplayName() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim("name") != null) {
            return token.getClaim("name").toString();
        }
        return getUsername();
    }

    public List<String> getTeams() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getGroups() != null) {
            return List.copyOf(new TreeSet<>(token.getGroups()));
        }
        return List.of();
    }

    public List<String> getRoles() {
        return List.copyOf(new TreeSet<>(identity.getRoles()));
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.PLATFORM_ADMIN);
    }

    public boolean isAuditor() {
        return identity.hasRole(Roles.AUDITOR);
    }

    public boolean isDeveloper() {
        return identity.hasRole(Roles.DEVELOPER);
    }

    public boolean getMaySeeAudit() {
        return isAdmin() || isAuditor();
    }
}
