package dev.runway.ui.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.common.catalog.EntityRef;
import dev.runway.ui.client.AccessApi;
import dev.runway.ui.client.CatalogApi;
import dev.runway.ui.client.PlatformServices;
import dev.runway.ui.client.ProvisioningApi;
import dev.runway.ui.client.ProvisioningLists;
import dev.runway.ui.client.ServiceProblem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The landing page (public) and the signed-in home page: everything that concerns the user at a glance. */
@Path("/")
public class PortalPage {
    /** Grants and environments expiring within this window are called out on the home page. */
    static final Duration EXPIRING_SOON = Duration.ofDays(3);

    private final Viewer viewer;
    private final PlatformServices services;

    public PortalPage(Viewer viewer, PlatformServices services) {
        this.viewer = viewer;
        this.services = services;
    }

    /** A catalog entity in a list: its ref and the fields a list shows. */
    public record EntityRow(String kind, String namespace, String name, String title, String type, String owner,
            String lifecycle, String description) {
        static EntityRow of(JsonNode e) {
            JsonNode m = e.path("metadata");
            JsonNode s = e.path("spec");
            return new EntityRow(e.path("kind").asText(), m.path("namespace").asText("default"), m.path("name").asText(),
                    m.path("title").asText(m.path("name").asText()), s.path("type").asText(""),
                    s.path("owner").asText(""), s.path("lifecycle").asText(""), m.path("description").asText(""));
        }

        public String ref() {
            return entityRef().reference();
        }

        public String href() {
            return CatalogPages.hrefOf(entityRef());
        }

        private EntityRef entityRef() {
            return new EntityRef(kind, namespace, name);
        }
    }

    /** Something expiring soon: what it is, when, and where to act on it. */
    public record Expiring(String what, Instant expiresAt, String href) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance landing();

        static native TemplateInstance home(List<String> teams, List<String> roles, Loaded<EntityRow> myServices,
                Loaded<ProvisioningApi.Request> mine, Loaded<ProvisioningApi.Request> approvals,
                Loaded<AccessApi.AccessRequest> accessApprovals, Loaded<Expiring> expiring,
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
        String me = viewer.getUsername();
        List<String> teams = viewer.getTeams();
        Loaded<EntityRow> myServices = Loaded.of(() -> {
            List<EntityRow> rows = new ArrayList<>();
            for (String team : teams) {
                CatalogApi.Filters f = new CatalogApi.Filters();
                f.owner = team;
                f.kind = "Component";
                services.catalog(c -> c.list(f, null, 50)).items().forEach(e -> rows.add(EntityRow.of(e)));
            }
            return rows;
        });
        Loaded<ProvisioningApi.Request> all = Loaded.of(() -> {
            List<ProvisioningApi.Request> rows = new ArrayList<>(
                    services.provisioning(p -> ProvisioningLists.all(p, "environments")));
            rows.addAll(services.provisioning(p -> ProvisioningLists.all(p, "databases")));
            return rows;
        });
        Set<String> myTeams = Set.copyOf(teams);
        Loaded<ProvisioningApi.Request> mine = all.failed() ? all
                : new Loaded<>(all.items().stream().filter(r -> !r.gone())
                        .filter(r -> myTeams.contains(r.team()) || me.equals(r.requestedBy())).toList(), null);
        Loaded<ProvisioningApi.Request> approvals = all.failed() ? all
                : Loaded.of(() -> pendingIMayDecide(me, all.items()));
        Loaded<AccessApi.AccessRequest> accessApprovals = Loaded.of(() -> services.access(a -> a.awaiting("me")));
        Loaded<Expiring> expiring = expiring(mine);
        return Templates.home(teams, viewer.getRoles(), myServices, mine, approvals, accessApprovals, expiring,
                services.status());
    }

    /** Production requests waiting for a decision by a lead of their team or a platform-admin, not the requester. */
    private List<ProvisioningApi.Request> pendingIMayDecide(String me, List<ProvisioningApi.Request> all) {
        List<ProvisioningApi.Request> pending = all.stream()
                .filter(r -> "PENDING_APPROVAL".equals(r.state()) && !me.equals(r.requestedBy())).toList();
        if (pending.isEmpty() || viewer.isAdmin()) {
            return pending;
        }
        Set<String> led = new java.util.HashSet<>();
        services.access(AccessApi::teams).stream().filter(t -> t.leads() != null && t.leads().contains(me))
                .forEach(t -> led.add(t.name()));
        return pending.stream().filter(r -> led.contains(r.team())).toList();
    }

    private Loaded<Expiring> expiring(Loaded<ProvisioningApi.Request> mine) {
        Instant soon = Instant.now().plus(EXPIRING_SOON);
        List<Expiring> rows = new ArrayList<>();
        String error = mine.error();
        for (ProvisioningApi.Request r : mine.items()) {
            if (r.expiresAt() != null && r.expiresAt().isBefore(soon)) {
                rows.add(new Expiring((r.isDatabase() ? "Database " : "Environment ") + r.name(), r.expiresAt(),
                        "/" + r.collection() + "/" + r.id()));
            }
        }
        try {
            for (AccessApi.Grant g : services.access(AccessApi::me).grants()) {
                if (g.expiresAt() != null && g.expiresAt().isBefore(soon)) {
                    rows.add(new Expiring("Grant " + g.role() + " on " + g.scope(), g.expiresAt(), "/access"));
                }
            }
        } catch (ServiceProblem e) {
            error = e.detail();
        }
        rows.sort(java.util.Comparator.comparing(Expiring::expiresAt));
        return new Loaded<>(rows, error);
    }
}
