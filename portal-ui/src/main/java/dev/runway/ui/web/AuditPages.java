package dev.runway.ui.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import dev.runway.common.security.Roles;
import dev.runway.ui.client.AccessApi;
import dev.runway.ui.client.PlatformServices;
import dev.runway.ui.client.ServiceProblem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The audit log for auditors and platform admins: filters, CSV export of the same filters, integrity check. */
@Path("/audit")
@RolesAllowed({ Roles.AUDITOR, Roles.PLATFORM_ADMIN })
public class AuditPages {
    static final int PAGE_SIZE = 50;

    private final PlatformServices services;

    public AuditPages(PlatformServices services) {
        this.services = services;
    }

    public record Filters(String actor, String team, String action, String resource, String outcome, String from,
            String to) {
        /** The same filters as a query string, for the CSV link and the next page. */
        public String query() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("actor", actor);
            m.put("team", team);
            m.put("action", action);
            m.put("resource", resource);
            m.put("outcome", outcome);
            m.put("from", from);
            m.put("to", to);
            StringBuilder q = new StringBuilder();
            m.forEach((k, v) -> {
                if (v != null) {
                    q.append(q.length() == 0 ? "" : "&").append(k).append('=')
                            .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
                }
            });
            return q.toString();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(Filters filters, AccessApi.AuditPage page, String next, String problem,
                AccessApi.Verification verification);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response audit(@QueryParam("actor") String actor, @QueryParam("team") String team,
            @QueryParam("action") String action, @QueryParam("resource") String resource,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor) {
        Filters f = new Filters(n(actor), n(team), n(action), n(resource), n(outcome), instant(from), instant(to));
        return page(f, n(cursor), null);
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response export(@QueryParam("actor") String actor, @QueryParam("team") String team,
            @QueryParam("action") String action, @QueryParam("resource") String resource,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to) {
        Filters f = new Filters(n(actor), n(team), n(action), n(resource), n(outcome), instant(from), instant(to));
        String csv = services.access(a -> a.auditCsv(f.actor(), f.team(), f.action(), f.resource(), f.outcome(),
                f.from(), f.to(), "csv"));
        return Response.ok(csv, "text/csv").header("Content-Disposition", "attachment; filename=\"runway-audit.csv\"")
                .build();
    }

    /** Re-checks the hash chain; a POST because it is an action someone takes, with its own result page. */
    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response verify(@RestForm String confirm) {
        Filters none = new Filters(null, null, null, null, null, null, null);
        try {
            AccessApi.Verification v = services.access(AccessApi::verify);
            return page(none, null, v);
        } catch (ServiceProblem e) {
            return ProvisioningPages.page(e.status() >= 500 ? 502 : e.status(), Templates.audit(none,
                    new AccessApi.AuditPage(java.util.List.of(), null), null, e.detail(), null));
        }
    }

    private Response page(Filters f, String cursor, AccessApi.Verification verification) {
        try {
            AccessApi.AuditPage page = services.access(a -> a.audit(f.actor(), f.team(), f.action(), f.resource(),
                    f.outcome(), f.from(), f.to(), cursor, PAGE_SIZE));
            String next = page.nextCursor() == null ? null
                    : "/audit?" + f.query() + (f.query().isEmpty() ? "" : "&") + "cursor="
                            + java.net.URLEncoder.encode(page.nextCursor(), java.nio.charset.StandardCharsets.UTF_8);
            return ProvisioningPages.page(200, Templates.audit(f, page, next, null, verification));
        } catch (ServiceProblem e) {
            return ProvisioningPages.page(e.status() >= 500 ? 502 : e.status(), Templates.audit(f,
                    new AccessApi.AuditPage(java.util.List.of(), null), null, e.detail(), verification));
        }
    }

    private static String n(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A date from the date picker (YYYY-MM-DD) is the start of that day in UTC; an instant passes as it is. */
    private static String instant(String s) {
        String v = n(s);
        if (v != null && v.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return v + "T00:00:00Z";
        }
        return v;
    }
}
