package dev.runway.ui.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import dev.runway.ui.client.PlatformServices;
import dev.runway.ui.client.ProvisioningApi;
import dev.runway.ui.client.ProvisioningApi.Request;
import dev.runway.ui.client.ProvisioningApi.Template;
import dev.runway.ui.client.ProvisioningLists;
import dev.runway.ui.client.ServiceProblem;
import dev.runway.ui.client.Verdict;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * Environments and databases: pick a template, fill the form its parameter schema generates, then follow the
 * request live until it is READY or FAILED; extend, retry, delete, decide, and read database credentials once.
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ProvisioningPages {
    /** Rows per section of the list page; a "More" link shows the next ones. */
    static final int PAGE_SIZE = 50;
    private final PlatformServices services;
    private final Viewer viewer;

    public ProvisioningPages(PlatformServices services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    /** What the user typed into the request form, shown again when something must be corrected. */
    public record Typed(String name, String team, String ttl, String component, String plan, String environment) {
        static final Typed EMPTY = new Typed("", "", "", "", "", "");
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Loaded<Request> environments, String moreEnvironments,
                Loaded<Request> databases, String moreDatabases, Loaded<Template> templates);

        static native TemplateInstance newEnvironment(List<Template> templates, Template chosen, List<String> teams,
                List<SchemaForm.Field> fields, Typed typed, Map<String, String> errors, String problem);

        static native TemplateInstance newDatabase(List<Template> templates, Template chosen, List<String> teams,
                List<Request> environments, Typed typed, Map<String, String> errors, String problem);

        static native TemplateInstance detail(Request r, List<ProvisioningApi.Event> events, boolean mayDecide,
                String problem);

        static native TemplateInstance progress(Request r, List<ProvisioningApi.Event> events);

        static native TemplateInstance credentials(Request r, ProvisioningApi.Credentials c);
    }

    @GET
    @Path("environments")
    public TemplateInstance list(@QueryParam("environmentsCursor") String environmentsCursor,
            @QueryParam("databasesCursor") String databasesCursor) {
        Section environments = section("environments", environmentsCursor);
        Section databases = section("databases", databasesCursor);
        return Templates.list(environments.rows(), environments.more(), databases.rows(), databases.more(),
                Loaded.of(() -> services.provisioning(ProvisioningApi::templates)));
    }

    /** One page of a section of the list, newest first, and the link to its next page (null on the last). */
    private record Section(Loaded<Request> rows, String more) {
    }

    private Section section(String kind, String cursor) {
        String[] next = new String[1];
        Loaded<Request> rows = Loaded.of(() -> {
            ProvisioningApi.RequestPage page = services.provisioning(
                    p -> p.list(kind, cursor == null || cursor.isBlank() ? null : cursor, PAGE_SIZE));
            next[0] = page.nextCursor();
            return page.items();
        }).visible();
        return new Section(rows, next[0] == null ? null
                : "/environments?" + kind + "Cursor=" + URLEncoder.encode(next[0], StandardCharsets.UTF_8));
    }

    @GET
    @Path("environments/new")
    public TemplateInstance newEnvironment(@QueryParam("template") String template) {
        List<Template> templates = templatesOf("environment");
        Template chosen = chosen(templates, template);
        return Templates.newEnvironment(templates, chosen, viewer.getTeams(),
                chosen == null ? List.of() : SchemaForm.fields(chosen.parameters(), chosen.defaults(), null, Map.of()),
                new Typed("", firstTeam(), chosen == null || chosen.ttl() == null ? "" : chosen.ttl().defaultTtl(), "",
                        "", ""),
                Map.of(), null);
    }

    @POST
    @Path("environments/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response requestEnvironment(@RestForm String template, @RestForm String name, @RestForm String team,
            @RestForm String ttl, @RestForm String component) {
        List<Template> templates = templatesOf("environment");
        Template chosen = chosen(templates, template);
        if (chosen == null) {
            return Response.seeOther(URI.create("/environments/new")).build();
        }
        Typed typed = new Typed(blank(name), blank(team), blank(ttl), blank(component), "", "");
        SchemaForm.Parsed parsed = SchemaForm.parse(chosen.parameters(), n -> FormData.field(SchemaForm.PREFIX + n));
        Map<String, String> errors = new LinkedHashMap<>();
        parsed.errors().forEach((k, v) -> errors.put(SchemaForm.PREFIX + k, v));
        String problem = null;
        if (errors.isEmpty()) {
            try {
                Request created = services.provisioning(p -> p.requestEnvironment(new ProvisioningApi.EnvironmentBody(
                        typed.name(), typed.team(), chosen.id(), parsed.values(), chosen.ttl() == null ? null
                                : emptyToNull(typed.ttl()), emptyToNull(typed.component()))));
                return Response.seeOther(URI.create("/environments/" + created.id())).build();
            } catch (ServiceProblem e) {
                problem = e.detail();
                for (var v : e.violations()) {
                    errors.put(fieldOf(v.field()), v.message());
                }
            }
        }
        Map<String, String> paramErrors = new LinkedHashMap<>();
        errors.forEach((k, v) -> {
            if (k.startsWith(SchemaForm.PREFIX)) {
                paramErrors.put(k.substring(SchemaForm.PREFIX.length()), v);
            }
        });
        List<SchemaForm.Field> fields = SchemaForm.fields(chosen.parameters(), chosen.defaults(),
                n -> FormData.field(SchemaForm.PREFIX + n), paramErrors);
        return page(400, Templates.newEnvironment(templates, chosen, viewer.getTeams(), fields, typed, errors,
                problem != null ? problem : "Some fields need correcting."));
    }

    @GET
    @Path("databases/new")
    public TemplateInstance newDatabase(@QueryParam("engine") String engine,
            @QueryParam("environment") String environment) {
        List<Template> templates = templatesOf("database");
        Template chosen = chosen(templates, engine);
        return Templates.newDatabase(templates, chosen, viewer.getTeams(), readyEnvironments(),
                new Typed("", firstTeam(), "", "", chosen == null || chosen.defaults() == null
                        || chosen.defaults().get("plan") == null ? "" : chosen.defaults().get("plan").toString(),
                        blank(environment)),
                Map.of(), null);
    }

    @POST
    @Path("databases/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response requestDatabase(@RestForm String engine, @RestForm String name, @RestForm String team,
            @RestForm String plan, @RestForm String environment, @RestForm String component) {
        List<Template> templates = templatesOf("database");
        Template chosen = chosen(templates, engine);
        if (chosen == null) {
            return Response.seeOther(URI.create("/databases/new")).build();
        }
        Typed typed = new Typed(blank(name), blank(team), "", blank(component), blank(plan), blank(environment));
        Map<String, String> errors = new LinkedHashMap<>();
        UUID env = null;
        try {
            env = UUID.fromString(typed.environment());
        } catch (IllegalArgumentException e) {
            errors.put("environment", "choose the environment that receives the credentials");
        }
        String problem = "Some fields need correcting.";
        if (errors.isEmpty()) {
            UUID envId = env;
            try {
                Request created = services.provisioning(p -> p.requestDatabase(new ProvisioningApi.DatabaseBody(
                        typed.name(), typed.team(), chosen.id(), emptyToNull(typed.plan()), envId,
                        emptyToNull(typed.component()))));
                return Response.seeOther(URI.create("/databases/" + created.id())).build();
            } catch (ServiceProblem e) {
                problem = e.detail();
                for (var v : e.violations()) {
                    errors.put(fieldOf(v.field()), v.message());
                }
            }
        }
        return page(400, Templates.newDatabase(templates, chosen, viewer.getTeams(), readyEnvironments(), typed,
                errors, problem));
    }

    @GET
    @Path("{kind: environments|databases}/{id}")
    public TemplateInstance detail(@PathParam("kind") String kind, @PathParam("id") UUID id) {
        return detailPage(kind, id, null);
    }

    /** The live part of the detail page: htmx polls it until the request reaches a state that lasts. */
    @GET
    @Path("{kind: environments|databases}/{id}/progress")
    public Response progress(@PathParam("kind") String kind, @PathParam("id") UUID id,
            @jakarta.ws.rs.HeaderParam("HX-Request") String htmx) {
        Request r = services.provisioning(p -> p.get(kind, id));
        Response.ResponseBuilder fragment = Response.ok(Templates.progress(r,
                services.provisioning(p -> ProvisioningLists.allEvents(p, id)))
                .render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        // Once the state lasts, the whole page reloads so its actions (credentials, retry) match the new state.
        return (r.terminal() && htmx != null ? fragment.header("HX-Refresh", "true") : fragment).build();
    }

    @POST
    @Path("{kind: environments|databases}/{id}/extend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response extend(@PathParam("kind") String kind, @PathParam("id") UUID id, @RestForm String ttl) {
        return act(kind, id, () -> services.provisioning(p -> p.extend(kind, id, new ProvisioningApi.Extend(ttl))));
    }

    @POST
    @Path("{kind: environments|databases}/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@PathParam("kind") String kind, @PathParam("id") UUID id, @RestForm String confirm) {
        return act(kind, id, () -> services.provisioning(p -> p.retry(kind, id)));
    }

    @POST
    @Path("{kind: environments|databases}/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("kind") String kind, @PathParam("id") UUID id, @RestForm String confirm) {
        return act(kind, id, () -> services.provisioning(p -> p.delete(kind, id)));
    }

    @POST
    @Path("{kind: environments|databases}/{id}/decide")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("kind") String kind, @PathParam("id") UUID id, @RestForm String decision,
            @RestForm String reason) {
        ProvisioningApi.Decision body = new ProvisioningApi.Decision(emptyToNull(reason));
        return act(kind, id, () -> services.provisioning(p -> p.decide(id, Verdict.of(decision), body)));
    }

    /** Reading the credentials is a POST: the first read reveals them and the service never shows them again. */
    @POST
    @Path("databases/{id}/credentials")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response credentials(@PathParam("id") UUID id, @RestForm String confirm) {
        Request r;
        ProvisioningApi.Credentials c;
        try {
            r = services.provisioning(p -> p.get("databases", id));
            c = services.provisioning(p -> p.credentials(id));
        } catch (ServiceProblem e) {
            return page(e.status() >= 500 ? 502 : e.status(), detailPage("databases", id, e.detail()));
        }
        return Response.ok(Templates.credentials(r, c).render()).header("Cache-Control", "no-store").build();
    }

    private Response act(String kind, UUID id, java.util.function.Supplier<?> action) {
        try {
            action.get();
            return Response.seeOther(URI.create("/" + kind + "/" + id)).build();
        } catch (ServiceProblem e) {
            return page(e.status() >= 500 ? 502 : e.status(), detailPage(kind, id, e.detail()));
        }
    }

    private TemplateInstance detailPage(String kind, UUID id, String problem) {
        Request r = services.provisioning(p -> p.get(kind, id));
        boolean mayDecide = "PENDING_APPROVAL".equals(r.state()) && !viewer.getUsername().equals(r.requestedBy());
        return Templates.detail(r, services.provisioning(p -> ProvisioningLists.allEvents(p, id)), mayDecide, problem);
    }

    /** The templates of a kind that can be requested: an engine without a server is not offered. */
    private List<Template> templatesOf(String kind) {
        return services.provisioning(ProvisioningApi::templates).stream()
                .filter(t -> kind.equals(t.kind()) && t.available()).toList();
    }

    private List<Request> readyEnvironments() {
        return services.provisioning(p -> ProvisioningLists.all(p, "environments")).stream()
                .filter(r -> "READY".equals(r.state()))
                .toList();
    }

    private static Template chosen(List<Template> templates, String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    private String firstTeam() {
        return viewer.getTeams().isEmpty() ? "" : viewer.getTeams().get(0);
    }

    /** "$.parameters.cpuMillis" is the form's "p.cpuMillis"; "name" stays "name". */
    private static String fieldOf(String path) {
        if (path == null) {
            return "";
        }
        String p = path.startsWith("$.") ? path.substring(2) : path;
        if (p.startsWith("parameters.")) {
            return SchemaForm.PREFIX + p.substring("parameters.".length());
        }
        int dot = p.lastIndexOf('.');
        return dot < 0 ? p : p.substring(dot + 1);
    }

    private static String blank(String s) {
        return s == null ? "" : s.strip();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render())
                .build();
    }
}
