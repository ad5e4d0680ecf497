package dev.runway.ui.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import dev.runway.common.catalog.EntityRef;
import dev.runway.ui.client.CatalogApi;
import dev.runway.ui.client.PlatformServices;
import dev.runway.ui.client.ProvisioningApi;
import dev.runway.ui.client.ProvisioningLists;
import dev.runway.ui.client.ServiceProblem;
import dev.runway.ui.web.PortalPage.EntityRow;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The catalog: search with facets, an entity's page with its graph and history, and registering a service. */
@Path("/catalog")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class CatalogPages {
    static final List<String> FACETS = List.of("kind", "type", "lifecycle", "owner", "tag");
    static final int PAGE_SIZE = 20;
    /** No "---" line, and no folding of long values: the descriptor reads as a person would write it. */
    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private final PlatformServices services;
    private final Viewer viewer;

    public CatalogPages(PlatformServices services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    /** One facet value with its count and the search link that toggles it. */
    public record FacetLink(String value, long count, boolean active, String href) {
    }

    public record Facet(String field, List<FacetLink> values) {
    }

    public record Link(String url, String title) {
    }

    public record Relation(String type, String targetRef, boolean resolved, String href) {
    }

    /** The common fields of the register form, or the pasted YAML, as typed. */
    public record Register(String name, String title, String description, String type, String lifecycle,
            String owner, String system, String tags, String yaml) {
        static final Register EMPTY = new Register("", "", "", "service", "experimental", "", "", "", "");
    }

    /** A problem with the descriptor: the field it concerns, the YAML line where that field is, the message. */
    public record FieldProblem(String field, Integer line, String message) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(Map<String, String> filters, List<EntityRow> rows, List<Facet> facets,
                String next, String first, String problem);

        static native TemplateInstance entity(EntityRow e, JsonNode spec, List<String> tags, List<Link> links,
                List<Relation> relations, String graph, List<CatalogApi.History> history,
                Loaded<ProvisioningApi.Request> resources, InsightsPages.EntityInsights insights, String teamInsights);

        static native TemplateInstance register(Register typed, List<String> teams, String mode,
                List<FieldProblem> problems, String problem, String verdict);
    }

    @GET
    public TemplateInstance search(@QueryParam("q") String q, @QueryParam("kind") String kind,
            @QueryParam("type") String type, @QueryParam("owner") String owner,
            @QueryParam("lifecycle") String lifecycle, @QueryParam("tag") String tag,
            @QueryParam("cursor") String cursor) {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "q", q);
        put(filters, "kind", kind);
        put(filters, "type", type);
        put(filters, "owner", owner);
        put(filters, "lifecycle", lifecycle);
        put(filters, "tag", tag);
        CatalogApi.Filters f = new CatalogApi.Filters();
        f.q = filters.get("q");
        f.kind = filters.get("kind");
        f.type = filters.get("type");
        f.owner = filters.get("owner");
        f.lifecycle = filters.get("lifecycle");
        f.tag = filters.get("tag");
        try {
            CatalogApi.Page page = services.catalog(c -> c.list(f, blankToNull(cursor), PAGE_SIZE, null));
            List<Facet> facets = new ArrayList<>();
            for (String field : FACETS) {
                CatalogApi.Facets counts = services.catalog(c -> c.facets(field, f));
                List<FacetLink> links = new ArrayList<>();
                for (CatalogApi.FacetValue v : counts.values()) {
                    boolean active = v.value().equalsIgnoreCase(filters.getOrDefault(field, ""));
                    Map<String, String> toggled = new LinkedHashMap<>(filters);
                    if (active) {
                        toggled.remove(field);
                    } else {
                        toggled.put(field, v.value());
                    }
                    links.add(new FacetLink(v.value(), v.count(), active, href(toggled, null)));
                }
                facets.add(new Facet(field, links));
            }
            List<EntityRow> rows = page.items().stream().map(EntityRow::of).toList();
            return Templates.search(filters, rows, facets,
                    page.nextCursor() == null ? null : href(filters, page.nextCursor()),
                    cursor == null || cursor.isBlank() ? null : href(filters, null), null);
        } catch (ServiceProblem e) {
            return Templates.search(filters, List.of(), List.of(), null, null, e.detail());
        }
    }

    @GET
    @Path("{kind}/{namespace}/{name}")
    public TemplateInstance entity(@PathParam("kind") String kind, @PathParam("namespace") String namespace,
            @PathParam("name") String name) {
        JsonNode e = services.catalog(c -> c.get(kind, namespace, name));
        EntityRow row = EntityRow.of(e);
        List<String> tags = new ArrayList<>();
        e.path("metadata").path("tags").forEach(t -> tags.add(t.asText()));
        List<Link> links = new ArrayList<>();
        e.path("metadata").path("links").forEach(l -> {
            String url = l.path("url").asText();
            // Only web links become anchors: a javascript: or data: URL in a descriptor must not run in the portal.
            if (url.startsWith("https://") || url.startsWith("http://")) {
                links.add(new Link(url, l.path("title").asText(url)));
            }
        });
        List<Relation> relations = new ArrayList<>();
        e.path("relations").forEach(r -> relations.add(new Relation(r.path("type").asText(),
                r.path("targetRef").asText(), r.path("resolved").asBoolean(), hrefOf(r.path("targetRef").asText()))));
        String graph;
        try {
            graph = GraphSvg.render(services.catalog(c -> c.graph(kind, namespace, name, 2)));
        } catch (ServiceProblem p) {
            graph = null;
        }
        List<CatalogApi.History> history;
        try {
            history = services.catalog(c -> c.history(kind, namespace, name));
        } catch (ServiceProblem p) {
            history = List.of();
        }
        String ref = row.ref();
        Loaded<ProvisioningApi.Request> resources = Loaded.of(() -> {
            List<ProvisioningApi.Request> all = new ArrayList<>(
                    services.provisioning(p -> ProvisioningLists.all(p, "environments")));
            all.addAll(services.provisioning(p -> ProvisioningLists.all(p, "databases")));
            return all.stream().filter(r -> !r.gone() && ref.equalsIgnoreCase(r.component())).toList();
        });
        // Teams and people are not delivered or scored themselves: a team's page links to its insights instead.
        boolean party = "group".equalsIgnoreCase(row.kind()) || "user".equalsIgnoreCase(row.kind());
        InsightsPages.EntityInsights insights = party ? null
                : InsightsPages.forEntity(services, kind, namespace, name, ref);
        String teamInsights = "group".equalsIgnoreCase(row.kind()) ? "/insights?team=" + enc(row.name()) : null;
        return Templates.entity(row, e.path("spec"), tags, links, relations, graph, history, resources, insights,
                teamInsights);
    }

    @GET
    @Path("register")
    public TemplateInstance registerForm(@QueryParam("mode") String mode) {
        return Templates.register(new Register("", "", "", "service", "experimental", firstTeam(), "", "", ""),
                viewer.getTeams(), "yaml".equals(mode) ? "yaml" : "fields", List.of(), null, null);
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response registerFields(@RestForm String action, @RestForm String name, @RestForm String title,
            @RestForm String description, @RestForm String type, @RestForm String lifecycle, @RestForm String owner,
            @RestForm String system, @RestForm String tags) {
        Register typed = new Register(trim(name), trim(title), trim(description), trim(type), trim(lifecycle),
                trim(owner), trim(system), trim(tags), "");
        return submit(action, typed, "fields", toYaml(typed));
    }

    @POST
    @Path("register/yaml")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response registerYaml(@RestForm String action, @RestForm String yaml, @RestForm FileUpload file) {
        String text = yaml == null ? "" : yaml;
        if (file != null && file.size() > 0) {
            try {
                text = java.nio.file.Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                text = "";
            }
        }
        Register typed = new Register("", "", "", "", "", "", "", "", text);
        if (text.isBlank()) {
            return ProvisioningPages.page(400, Templates.register(typed, viewer.getTeams(), "yaml",
                    List.of(new FieldProblem("yaml", null, "paste a catalog-info.yaml or choose a file")),
                    "Nothing to check yet.", null));
        }
        return submit(action, typed, "yaml", text);
    }

    /** Dry run first: the service validates (nothing stored); "register" saves only a descriptor that passed. */
    private Response submit(String action, Register typed, String mode, String yaml) {
        try {
            CatalogApi.Validation verdict = services.catalog(c -> c.validate(yaml));
            if (!verdict.valid()) {
                List<FieldProblem> problems = new ArrayList<>();
                for (CatalogApi.Verdict d : verdict.documents()) {
                    if (d.violations() != null) {
                        for (CatalogApi.Violation v : d.violations()) {
                            problems.add(problemOf(yaml, mode, v.field(), v.message()));
                        }
                    }
                }
                return ProvisioningPages.page(400, Templates.register(typed, viewer.getTeams(), mode, problems,
                        "The descriptor is not valid yet: correct the fields marked below.", null));
            }
            if (!"register".equals(action)) {
                return ProvisioningPages.page(200, Templates.register(typed, viewer.getTeams(), mode, List.of(), null,
                        "Valid: " + verdict.documents().size() + " document(s) would be registered. Nothing was saved yet."));
            }
            JsonNode created = services.catalog(c -> c.create(yaml));
            String href = hrefOf(new EntityRef(created.path("kind").asText(),
                    created.path("metadata").path("namespace").asText(EntityRef.DEFAULT_NAMESPACE),
                    created.path("metadata").path("name").asText()));
            return Response.seeOther(URI.create(href)).build();
        } catch (ServiceProblem e) {
            List<FieldProblem> problems = new ArrayList<>();
            e.violations().forEach(v -> problems.add(problemOf(yaml, mode, v.field(), v.message())));
            return ProvisioningPages.page(e.status() >= 500 ? 502 : e.status(),
                    Templates.register(typed, viewer.getTeams(), mode, problems, e.detail(), null));
        }
    }

    /** "$.spec.owner" names the form field "owner", and in pasted YAML the line holding "owner:". */
    static FieldProblem problemOf(String yaml, String mode, String path, String message) {
        String p = path == null ? "$" : path;
        String last = p.contains(".") ? p.substring(p.lastIndexOf('.') + 1) : p.replace("$", "");
        last = last.replaceAll("\\[\\d+]$", "");
        if ("fields".equals(mode)) {
            return new FieldProblem(last.isEmpty() ? "yaml" : last, null, message);
        }
        Integer line = null;
        if (!last.isEmpty()) {
            String[] lines = yaml.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].stripLeading().startsWith(last + ":")) {
                    line = i + 1;
                    break;
                }
            }
        }
        return new FieldProblem(p.startsWith("$.") ? p.substring(2) : p, line, message);
    }

    /**
     * The descriptor of the common fields, written by the YAML library: every value is a quoted string, so that a
     * title with a colon, a tag such as "yes" or a description of several lines reads back as it was typed.
     */
    static String toYaml(Register r) {
        ObjectNode descriptor = YAML.createObjectNode().put("apiVersion", "backstage.io/v1alpha1")
                .put("kind", "Component");
        ObjectNode metadata = descriptor.putObject("metadata").put("name", r.name());
        putUnlessEmpty(metadata, "title", r.title());
        putUnlessEmpty(metadata, "description", r.description());
        List<String> tags = new ArrayList<>();
        for (String t : r.tags().split(",")) {
            if (!t.isBlank()) {
                tags.add(t.strip());
            }
        }
        if (!tags.isEmpty()) {
            tags.forEach(metadata.putArray("tags")::add);
        }
        ObjectNode spec = descriptor.putObject("spec").put("type", r.type()).put("lifecycle", r.lifecycle())
                .put("owner", r.owner());
        putUnlessEmpty(spec, "system", r.system());
        try {
            return YAML.writeValueAsString(descriptor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings is always writable", e);
        }
    }

    private static void putUnlessEmpty(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }

    /** "component:default/shop" (or "group:payments") is the portal page of that entity; a malformed ref, the catalog. */
    static String hrefOf(String ref) {
        return EntityRef.tryParse(ref, "component", EntityRef.DEFAULT_NAMESPACE).map(CatalogPages::hrefOf)
                .orElse("/catalog");
    }

    static String hrefOf(EntityRef ref) {
        return "/catalog/" + enc(ref.kind().toLowerCase(Locale.ROOT)) + "/" + enc(ref.namespace()) + "/"
                + enc(ref.name());
    }

    private static String href(Map<String, String> filters, String cursor) {
        StringBuilder h = new StringBuilder("/catalog");
        String sep = "?";
        for (Map.Entry<String, String> f : filters.entrySet()) {
            h.append(sep).append(f.getKey()).append('=').append(enc(f.getValue()));
            sep = "&";
        }
        if (cursor != null) {
            h.append(sep).append("cursor=").append(enc(cursor));
        }
        return h.toString();
    }

    private String firstTeam() {
        return viewer.getTeams().isEmpty() ? "" : viewer.getTeams().get(0);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v.strip());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
