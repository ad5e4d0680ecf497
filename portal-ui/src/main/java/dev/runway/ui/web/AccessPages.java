package dev.runway.ui.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import dev.runway.common.security.Roles;
import dev.runway.ui.client.AccessApi;
import dev.runway.ui.client.PlatformServices;
import dev.runway.ui.client.ServiceProblem;
import dev.runway.ui.client.Verdict;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;

/** Access: my grants and requests, asking for access, the approvals inbox, and the admin pages. */
@Path("/access")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AccessPages {
    static final List<String> ROLES = List.of("viewer", "developer", "maintainer", "owner", "approver", "auditor",
            "platform-admin");

    private final PlatformServices services;
    private final Viewer viewer;

    public AccessPages(PlatformServices services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    public record Ask(String role, String scope, String duration, String justification) {
    }

    public record Bind(String subject, String role, String scope) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mine(Loaded<AccessApi.Grant> grants, Loaded<AccessApi.AccessRequest> requests,
                List<String> roles, Ask typed, Map<String, String> errors, String problem, String notice);

        static native TemplateInstance approvals(Loaded<AccessApi.AccessRequest> pending, String problem);

        static native TemplateInstance admin(Loaded<AccessApi.RoleBinding> bindings, Loaded<AccessApi.TeamSummary> teams,
                List<String> roles, Bind typed, String problem);
    }

    @GET
    public TemplateInstance mine(@jakarta.ws.rs.QueryParam("requested") String requested) {
        String team = viewer.getTeams().isEmpty() ? "" : "team:" + viewer.getTeams().get(0);
        return minePage(new Ask("maintainer", team, "PT8H", ""), Map.of(), null, requested == null ? null
                : "Your request was sent. A lead of the team or a platform admin decides it; it appears below.");
    }

    @POST
    @Path("request")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response request(@RestForm String role, @RestForm String scope, @RestForm String duration,
            @RestForm String justification) {
        Ask typed = new Ask(trim(role), trim(scope), trim(duration), trim(justification));
        try {
            services.access(a -> a.requestAccess(new AccessApi.NewAccessRequest(typed.role(), typed.scope(),
                    typed.duration(), typed.justification())));
            return Response.seeOther(URI.create("/access?requested=1")).build();
        } catch (ServiceProblem e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.violations().forEach(v -> errors.put(lastSegment(v.field()), v.message()));
            return ProvisioningPages.page(e.status() >= 500 ? 502 : e.status(),
                    minePage(typed, errors, e.detail(), null));
        }
    }

    private TemplateInstance minePage(Ask typed, Map<String, String> errors, String problem, String notice) {
        return Templates.mine(Loaded.of(() -> services.access(AccessApi::me).grants()),
                Loaded.of(() -> services.access(AccessApi::myAccessRequests)), ROLES, typed, errors, problem, notice);
    }

    @GET
    @Path("approvals")
    public TemplateInstance approvals() {
        return Templates.approvals(Loaded.of(() -> services.access(a -> a.awaiting("me"))), null);
    }

    @POST
    @Path("approvals/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") UUID id, @RestForm String decision, @RestForm String comment) {
        AccessApi.Comment body = new AccessApi.Comment(comment == null || comment.isBlank() ? null : comment.strip());
        try {
            services.access(a -> a.decide(id, Verdict.of(decision), body));
            return Response.seeOther(URI.create("/access/approvals")).build();
        } catch (ServiceProblem e) {
            String why = e.violations().isEmpty() ? e.detail()
                    : e.detail() + " " + lastSegment(e.violations().get(0).field()) + " " + e.violations().get(0).message();
            return ProvisioningPages.page(e.status() >= 500 ? 502 : e.status(),
                    Templates.approvals(Loaded.of(() -> services.access(a -> a.awaiting("me"))), why));
        }
    }

    @GET
    @Path("admin")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public TemplateInstance admin() {
        return adminPage(new Bind("user:", "developer", "team:"), null);
    }

    @POST
    @Path("admin/bindings")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response bind(@RestForm String subject, @RestForm String role, @RestForm String scope) {
        Bind typed = new Bind(trim(subject), trim(role), trim(scope));
        return adminAction(typed, () -> services.access(
                a -> a.createRoleBinding(new AccessApi.NewRoleBinding(typed.subject(), typed.role(), typed.scope(), null))));
    }

    @POST
    @Path("admin/bindings/{id}/delete")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unbind(@PathParam("id") UUID id, @RestForm String confirm) {
        return adminAction(null, () -> {
            services.access(a -> {
                a.deleteRoleBinding(id);
                return null;
            });
            return null;
        });
    }

    @POST
    @Path("admin/leads")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response lead(@RestForm String team, @RestForm String username, @RestForm String action) {
        return adminAction(null, () -> services.access(a -> {
            if ("remove".equals(action)) {
                a.removeLead(trim(team), trim(username));
            } else {
                a.addLead(trim(team), new AccessApi.Lead(trim(username)));
            }
            return null;
        }));
    }

    private Response adminAction(Bind typed, java.util.function.Supplier<?> action) {
        try {
            action.get();
            return Response.seeOther(URI.create("/access/admin")).build();
        } catch (ServiceProblem e) {
            String why = e.violations().isEmpty() ? e.detail()
                    : e.detail() + " " + lastSegment(e.violations().get(0).field()) + " " + e.violations().get(0).message();
            return ProvisioningPages.page(e.status() >= 500 ? 502 : e.status(),
                    adminPage(typed == null ? new Bind("user:", "developer", "team:") : typed, why));
        }
    }

    private TemplateInstance adminPage(Bind typed, String problem) {
        return Templates.admin(Loaded.of(() -> services.access(a -> a.roleBindings(null, null))),
                Loaded.of(() -> services.access(AccessApi::teams)), ROLES, typed, problem);
    }

    private static String lastSegment(String field) {
        if (field == null) {
            return "";
        }
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(dot + 1);
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
