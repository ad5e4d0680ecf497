package dev.runway.ui.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** Rows a home page section shows at most; the rest are a link to the page that lists them all. */
    static final int SECTION_ROWS = 10;
    /** The catalog's newest first, so a service just registered is among those shown. */
    static final String NEWEST_FIRST = "-updatedAt";

    private final Viewer viewer;
    private final PlatformServices services;
    private final Clock clock;

    public PortalPage(Viewer viewer, PlatformServices services, Clock clock) {
        this.viewer = viewer;
        this.services = services;
        this.clock = clock;
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

    /** A team whose services did not all fit on the home page, and its catalog search listing them all. */
    public record MoreServices(String team, String href) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance landing();

        static native TemplateInstance home(List<String> teams, List<String> roles, Loaded<EntityRow> myServices,
                List<MoreServices> moreServices, Bounded<ProvisioningApi.Request> mine,
                Bounded<ProvisioningApi.Request> approvals, Bounded<AccessApi.AccessRequest> accessApprovals,
                Bounded<Expiring> expiring, List<PlatformServices.ServiceStatus> services);
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
        List<List<EntityRow>> perTeam = new ArrayList<>();
        Loaded<EntityRow> myServices = Loaded.of(() -> {
            for (String team : teams) {
                perTeam.add(services.catalog(c -> c.list(componentsOf(team), null, SECTION_ROWS + 1, NEWEST_FIRST))
                        .items().stream().map(EntityRow::of).toList());
            }
            return interleaved(perTeam, SECTION_ROWS);
        });
        List<MoreServices> moreServices = new ArrayList<>();
        for (int t = 0; !myServices.failed() && t < perTeam.size(); t++) {
            String team = teams.get(t);
            long shown = myServices.items().stream().filter(perTeam.get(t)::contains).count();
            if (perTeam.get(t).size() > shown) {
                moreServices.add(new MoreServices(team, "/catalog?kind=Component&owner="
                        + URLEncoder.encode(team, StandardCharsets.UTF_8)));
            }
        }
        Loaded<ProvisioningApi.Request> all = Loaded.of(() -> {
            List<ProvisioningApi.Request> rows = new ArrayList<>(
                    services.provisioning(p -> ProvisioningLists.all(p, "environments")));
            rows.addAll(services.provisioning(p -> ProvisioningLists.all(p, "databases")));
            return rows;
        });
        Set<String> myTeams = Set.copyOf(teams);
        // provisioning-service lists what the caller may see, without a team filter: the whole list is read to pick
        // the viewer's own, then cut for the page.
        Loaded<ProvisioningApi.Request> mine = all.failed() ? all
                : new Loaded<>(all.items().stream().filter(r -> !r.gone())
                        .filter(r -> myTeams.contains(r.team()) || me.equals(r.requestedBy()))
                        .sorted(Comparator.comparing(ProvisioningApi.Request::createdAt,
                                Comparator.nullsLast(Comparator.reverseOrder())))
                        .toList(), null);
        Loaded<ProvisioningApi.Request> approvals = all.failed() ? all
                : Loaded.of(() -> pendingIMayDecide(me, all.items()));
        Loaded<AccessApi.AccessRequest> accessApprovals = Loaded.of(() -> services.access(a -> a.awaiting("me")));
        Loaded<Expiring> expiring = expiring(mine);
        return Templates.home(teams, viewer.getRoles(), myServices, moreServices,
                Bounded.of(mine, SECTION_ROWS, "/environments"), Bounded.of(approvals, SECTION_ROWS, "/environments"),
                Bounded.of(accessApprovals, SECTION_ROWS, "/access/approvals"),
                Bounded.of(expiring, SECTION_ROWS, "/environments"), services.status());
    }

    private static CatalogApi.Filters componentsOf(String team) {
        CatalogApi.Filters f = new CatalogApi.Filters();
        f.owner = team;
        f.kind = "Component";
        return f;
    }

    /** The first {@code max} rows taking each list's in turn, so every team's newest services get a place. */
    static <T> List<T> interleaved(List<List<T>> lists, int max) {
        List<T> rows = new ArrayList<>();
        for (int i = 0; rows.size() < max; i++) {
            boolean any = false;
            for (List<T> list : lists) {
                if (i < list.size() && rows.size() < max) {
                    rows.add(list.get(i));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return rows;
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
        Instant soon = clock.instant().plus(EXPIRING_SOON);
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
        rows.sort(Comparator.comparing(Expiring::expiresAt));
        return new Loaded<>(rows, error);
    }
}
