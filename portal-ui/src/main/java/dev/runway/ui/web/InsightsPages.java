package dev.runway.ui.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.runway.ui.client.InsightsApi;
import dev.runway.ui.client.PlatformServices;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * A team's delivery performance (the DORA metrics with weekly charts) and its scorecard overview, both read from
 * catalog-service; each section shows its own error in words, so one failing call leaves the rest of the page.
 */
@Path("/insights")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class InsightsPages {
    static final List<String> WINDOWS = List.of("7d", "30d", "90d");
    static final String DEFAULT_WINDOW = "30d";
    static final String DEFAULT_ENVIRONMENT = "production";
    /** Levels as a team reads them, best first. */
    static final List<String> LEVELS = List.of("gold", "silver", "bronze", "none");
    /** Entity rows per page of a team's scorecard; the levels and kinds above them summarise all of them. */
    static final int ENTITIES_PER_PAGE = 25;

    private final PlatformServices services;
    private final Viewer viewer;

    public InsightsPages(PlatformServices services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    /** A quick link to one of the viewer's teams, keeping the window and environment. */
    public record TeamLink(String name, String href, boolean current) {
    }

    public record LevelCount(String level, int count) {
    }

    public record EntityLevelRow(String ref, String href, String level, int failedRules) {
    }

    /** How many of a team's entities of one kind reached each level, in the order of {@link #LEVELS}. */
    public record KindSummary(String kind, int total, List<LevelCount> levels) {
    }

    /**
     * One page of a team's entity rows: rows {@code from} to {@code to} (1-based) of {@code total}, and the links to
     * the pages before and after (null at either end).
     */
    public record EntityPage(List<EntityLevelRow> rows, int from, int to, int total, String previous, String next) {
    }

    /**
     * A team's scorecard rollup: its levels in a fixed order, the same per kind, and one page of its entities
     * linked to their pages. catalog-service answers the rollup whole (it has no page parameters), so the portal
     * summarises all of it and shows one page of the entity rows.
     */
    public record TeamScorecard(InsightsApi.Rollup rollup, List<LevelCount> levels, List<KindSummary> kinds,
            EntityPage entities) {
        static TeamScorecard of(InsightsApi.Rollup r, int page, String pageHref) {
            Map<String, Integer> counts = r.levels() == null ? Map.of() : r.levels();
            List<LevelCount> levels = LEVELS.stream().map(l -> new LevelCount(l, counts.getOrDefault(l, 0))).toList();
            List<InsightsApi.EntityLevel> items = r.items() == null ? List.of() : r.items();
            return new TeamScorecard(r, levels, kinds(items), page(items, page, pageHref));
        }

        private static List<KindSummary> kinds(List<InsightsApi.EntityLevel> items) {
            Map<String, Map<String, Integer>> perKind = new LinkedHashMap<>();
            for (InsightsApi.EntityLevel i : items) {
                String kind = i.kind() == null ? kindOf(i.entityRef()) : i.kind();
                perKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).merge(i.level(), 1, Integer::sum);
            }
            return perKind.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> new KindSummary(e.getKey(),
                    e.getValue().values().stream().mapToInt(Integer::intValue).sum(),
                    LEVELS.stream().map(l -> new LevelCount(l, e.getValue().getOrDefault(l, 0))).toList())).toList();
        }

        private static EntityPage page(List<InsightsApi.EntityLevel> items, int page, String pageHref) {
            int pages = Math.max(1, (items.size() + ENTITIES_PER_PAGE - 1) / ENTITIES_PER_PAGE);
            int p = Math.min(Math.max(1, page), pages);
            int from = (p - 1) * ENTITIES_PER_PAGE;
            int to = Math.min(items.size(), from + ENTITIES_PER_PAGE);
            List<EntityLevelRow> rows = items.subList(from, to).stream().map(i -> new EntityLevelRow(i.entityRef(),
                    CatalogPages.hrefOf(i.entityRef()), i.level(), i.failedRules())).toList();
            return new EntityPage(rows, items.isEmpty() ? 0 : from + 1, to, items.size(),
                    p > 1 ? pageHref + (p - 1) + "#scored-entities" : null,
                    p < pages ? pageHref + (p + 1) + "#scored-entities" : null);
        }

        private static String kindOf(String ref) {
            int colon = ref == null ? -1 : ref.indexOf(':');
            return colon < 0 ? "component" : ref.substring(0, colon);
        }
    }

    /** What an entity's page shows about it: its scorecard, its DORA figures, recent deployments, open incidents. */
    public record EntityInsights(Fetched<InsightsApi.EntityScorecard> scorecard, Fetched<Delivery> delivery,
            Loaded<InsightsApi.Deployment> deployments, Loaded<InsightsApi.Incident> incidents) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance insights(String team, String window, String environment, List<String> myTeams,
                List<TeamLink> teamLinks, List<String> windows, Fetched<Delivery> delivery, Fetched<TeamScorecard> scorecard);
    }

    @GET
    public TemplateInstance insights(@QueryParam("team") String team, @QueryParam("window") String window,
            @QueryParam("environment") String environment, @QueryParam("page") String page) {
        List<String> myTeams = viewer.getTeams();
        String t = blank(team) ? (myTeams.isEmpty() ? "" : myTeams.get(0)) : team.strip();
        String w = blank(window) ? DEFAULT_WINDOW : window.strip();
        String env = blank(environment) ? DEFAULT_ENVIRONMENT : environment.strip();
        List<TeamLink> links = myTeams.stream().map(m -> new TeamLink(m, "/insights?team=" + enc(m) + "&window="
                + enc(w) + "&environment=" + enc(env), m.equals(t))).toList();
        if (t.isEmpty()) {
            return Templates.insights(t, w, env, myTeams, links, WINDOWS, null, null);
        }
        Fetched<Delivery> delivery = Fetched.of(() -> Delivery.of(services.insights(i -> i.dora(t, null, w, env)),
                "team-dora"));
        String pageHref = "/insights?team=" + enc(t) + "&window=" + enc(w) + "&environment=" + enc(env) + "&page=";
        Fetched<TeamScorecard> scorecard = Fetched.of(
                () -> TeamScorecard.of(services.insights(i -> i.teamScorecard(t)), pageNumber(page), pageHref));
        return Templates.insights(t, w, env, teamsFirst(myTeams, t), links, WINDOWS, delivery, scorecard);
    }

    /** The entity page's insights: the scorecard and DORA over the last 90 days in production. */
    static EntityInsights forEntity(PlatformServices services, String kind, String namespace, String name, String ref) {
        Fetched<InsightsApi.EntityScorecard> scorecard = Fetched.of(
                () -> services.insights(i -> i.entityScorecard(kind, namespace, name)));
        Fetched<Delivery> delivery = Fetched.of(() -> Delivery.of(
                services.insights(i -> i.dora(null, ref, "90d", DEFAULT_ENVIRONMENT)), "entity-dora"));
        Loaded<InsightsApi.Deployment> deployments = Loaded.of(() -> services.insights(i -> i.deployments(ref, 10)));
        Loaded<InsightsApi.Incident> incidents = Loaded.of(() -> services.insights(i -> i.incidents(ref, true)));
        return new EntityInsights(scorecard, delivery, deployments, incidents);
    }

    /** The viewer's own teams for the picker, plus the one being looked at when it is someone else's. */
    private static List<String> teamsFirst(List<String> mine, String current) {
        List<String> teams = new ArrayList<>(mine);
        if (!teams.contains(current)) {
            teams.add(current);
        }
        return teams;
    }

    /** The page asked for; anything but a positive number is the first page, one past the last is the last. */
    static int pageNumber(String page) {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
