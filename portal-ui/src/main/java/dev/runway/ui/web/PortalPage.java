package dev.runway.ui.web;

import java.util.List;
import java.util.TreeSet;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.runway.ui.client.PlatformServices;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** The landing page (public) and the signed-in home page. */
@Path("/")
public class PortalPage {
    private final SecurityIdentity identity;
    private final PlatformServices services;

    public PortalPage(SecurityIdentity identity, PlatformServices services) {
        this.identity = identity;
        this.services = services;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance landing();

        static native TemplateInstance home(String username, String displayName, List<String> teams, List<String> roles,
                List<PlatformServices.ServiceStatus> services);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance landing() {
        return Templates.landing();
    }

    @GET
    @Path("home")
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        String username = identity.getPrincipal().getName();
        String displayName = username;
        List<String> teams = List.of();
        // After an OIDC login the principal is the verified ID token, which carries the display name and teams.
        if (identity.getPrincipal() instanceof JsonWebToken idToken) {
            username = idToken.getClaim("preferred_username") == null ? username : idToken.getClaim("preferred_username").toString();
            displayName = idToken.getClaim("name") == null ? username : idToken.getClaim("name").toString();
            teams = idToken.getGroups() == null ? List.of() : List.copyOf(new TreeSet<>(idToken.getGroups()));
        }
        return Templates.home(username, displayName, teams, List.copyOf(new TreeSet<>(identity.getRoles())),
                services.status());
    }
}
