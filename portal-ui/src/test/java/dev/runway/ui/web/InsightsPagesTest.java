package dev.runway.ui.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The insights page and the entity page's Scorecard and Delivery sections against {@link InsightsDouble}. Bar
 * coordinates follow from {@link InsightsDouble#SERIES}: five weeks give 560 / 5 = 112 px slots from x = 40; the
 * largest week (4 deployments) is the full 200 px, so 1 deployment is 50 px tall with its top at y = 220 - 50.
 */
@QuarkusTest
@QuarkusTestResource(value = InsightsDouble.class, restrictToAnnotatedClass = true)
@TestSecurity(user = "alice", roles = "developer")
class InsightsPagesTest {

    private static int count(String html, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theNavigationLeadsToInsights() {
        given().get("/home").then().statusCode(200).body(containsString("<a href=\"/insights\">Insights</a>"));
    }

    @Test
    void aTeamsDoraMetricsShowAsCardsWithTiersInWords() {
        given().get("/insights?team=payments&window=30d").then().statusCode(200)
                .body(containsString("<h1>Insights for payments</h1>"))
                .body(containsString("1.6 per week"))
                .body(containsString("7 deployments to production in 30d"))
                .body(containsString("<span class=\"tier tier-high\">Tier: High</span>"))
                .body(containsString("2 hours"))
                .body(containsString("90th percentile 4 hours"))
                .body(containsString("<span class=\"tier tier-elite\">Tier: Elite</span>"))
                .body(containsString("28.6 %"))
                .body(containsString("2 of 7 deployments failed or caused an incident"))
                .body(containsString("<span class=\"tier tier-medium\">Tier: Medium</span>"))
                .body(containsString("14.3 %"))
                .body(containsString("Tier: Not rated by DORA"))
                // No incident was resolved: that card alone says "no data yet" and why.
                .body(containsString("No data yet — no incident was resolved in this window."))
                .body(containsString("<option value=\"30d\" selected>"))
                .body(not(containsString("id=\"delivery-empty\"")));
    }

    @Test
    void theDeploymentsChartHasOneBarPerNonZeroWeekAtHandComputedCoordinates() {
        String html = given().get("/insights?team=payments").then().statusCode(200).extract().asString();
        assertEquals(3, count(html, "<rect class=\"bar deployments\""));
        assertEquals(2, count(html, "<rect class=\"bar failures\""));
        assertEquals(3, count(html, "<rect class=\"bar lead-time\""));
        // Week 1: 4 deployments, the full height; its one failure a quarter of it, in the right half of the slot.
        assertContains(html, "data-week=\"2026-01-05\" x=\"51.2\" y=\"20.0\" width=\"44.8\" height=\"200.0\"");
        assertContains(html, "<rect class=\"bar failures\" data-week=\"2026-01-05\" x=\"96.0\" y=\"170.0\" width=\"44.8\" height=\"50.0\"");
        // Week 3 (x from 40 + 2 * 112 = 264): 2 deployments, half height, no failure.
        assertContains(html, "<rect class=\"bar deployments\" data-week=\"2026-01-19\" x=\"275.2\" y=\"120.0\" width=\"44.8\" height=\"100.0\"");
        // Week 4 (x from 376): 1 deployment that failed.
        assertContains(html, "<rect class=\"bar deployments\" data-week=\"2026-01-26\" x=\"387.2\" y=\"170.0\" width=\"44.8\" height=\"50.0\"");
        assertContains(html, "<rect class=\"bar failures\" data-week=\"2026-01-26\" x=\"432.0\" y=\"170.0\" width=\"44.8\" height=\"50.0\"");
        // Lead time: 4 h is the largest median, so 2 h is half height and the scale is in hours.
        assertContains(html, "<rect class=\"bar lead-time\" data-week=\"2026-01-05\" x=\"62.4\" y=\"120.0\" width=\"67.2\" height=\"100.0\"");
        assertContains(html, "<rect class=\"bar lead-time\" data-week=\"2026-01-26\" x=\"398.4\" y=\"20.0\" width=\"67.2\" height=\"200.0\"");
        assertContains(html, ">4 h</text>");
        assertContains(html, "<title id=\"team-dora-deployments-title\">Deployments and failures per week</title>");
        assertContains(html, "7 deployments and 2 failed or incident-causing deployments over 5 weeks");
        // The same numbers as a table.
        assertContains(html, "<tr><th scope=\"row\">2026-01-26</th><td>1</td><td>1</td><td>4 hours</td>");
    }

    @Test
    void theTeamsScorecardOverviewCountsLevelsAndLinksItsEntities() {
        given().get("/insights?team=payments").then().statusCode(200)
                .body(containsString("<span class=\"level level-gold\">gold</span> <strong>1</strong>"))
                .body(containsString("<span class=\"level level-bronze\">bronze</span> <strong>1</strong>"))
                .body(containsString("<span class=\"level level-none\">none</span> <strong>0</strong>"))
                .body(containsString("Has a runbook link"))
                .body(containsString("fails for <strong>1</strong>"))
                .body(containsString("<a href=\"/catalog/component/default/ledger\">component:default/ledger</a>"));
    }

    @Test
    void aTeamWithoutDeploymentsIsToldHowToRecordThem() {
        given().get("/insights?team=newcomers").then().statusCode(200)
                .body(containsString("id=\"delivery-empty\""))
                .body(containsString("record deployments with <code>bin/runway deploy record</code>"))
                .body(containsString("No data yet — record deployments with bin/runway deploy record."))
                .body(not(containsString("<svg")))
                .body(containsString("id=\"no-failing-rules\">No rule fails"))
                .body(containsString("The team owns no scored entities yet."));
    }

    @Test
    void aTeamNameTheServiceRefusesIsExplainedInEachSection() {
        given().queryParam("team", "Not a team").get("/insights").then().statusCode(200)
                .body(containsString("Invalid DORA query. team: must name a Group."))
                .body(containsString("Invalid team."))
                .body(containsString("value=\"Not a team\""))
                .body(not(containsString("Exception")));
    }

    @Test
    void withoutATeamThePageAsksForOne() {
        given().get("/insights").then().statusCode(200)
                .body(containsString("id=\"no-team\""))
                .body(not(containsString("id=\"dora\"")));
    }

    @Test
    void anEntityPageShowsItsScorecardVerdictsAndItsDelivery() {
        String html = given().get("/catalog/component/default/shop").then().statusCode(200)
                .body(containsString("<h2 id=\"scorecard-heading\">Scorecard</h2>"))
                .body(containsString("id=\"scorecard-level\">bronze</span>"))
                .body(containsString("2 passed, 1 failed, 1 not applicable"))
                .body(containsString("✓ passed"))
                .body(containsString("✗ failed</span></td><td>no link titled runbook"))
                .body(containsString("– not applicable</span></td><td>only for type service with APIs"))
                .body(containsString("<h2 id=\"delivery-heading\">Delivery (DORA, last 90 days, production)</h2>"))
                .body(containsString("<strong>1.4.2</strong> to production: <span class=\"deploy-status deploy-rolled_back\">rolled_back</span>"))
                .body(containsString("<strong>sev2</strong> INC-7"))
                .body(containsString("after deployment shop-42"))
                .extract().asString();
        assertEquals(3, count(html, "<rect class=\"bar deployments\""));
        assertContains(html, "<title id=\"entity-dora-deployments-title\">");
        assertContains(html, "data-week=\"2026-01-05\" x=\"51.2\" y=\"20.0\" width=\"44.8\" height=\"200.0\"");
    }

    @Test
    void failingInsightsCallsEmptyTheirSectionsOnlyAndSayWhy() {
        given().get("/catalog/component/default/legacy").then().statusCode(200)
                .body(containsString("<h1>legacy</h1>"))
                .body(containsString("The scorecard could not be evaluated."))
                .body(containsString("No entity component:default/legacy."))
                .body(containsString("Deployments cannot be read right now."))
                .body(containsString("No open incidents."))
                .body(containsString("id=\"history\""))
                .body(not(containsString("Exception")));
    }

    @Test
    void aTeamsEntityPageLinksToItsInsightsInsteadOfScoringTheTeam() {
        given().get("/catalog/group/default/payments").then().statusCode(200)
                .body(containsString("<a href=\"/insights?team=payments\">"))
                .body(not(containsString("id=\"scorecard\"")))
                .body(not(containsString("id=\"delivery\"")));
    }

    private static void assertContains(String html, String needle) {
        org.junit.jupiter.api.Assertions.assertTrue(html.contains(needle), () -> "expected in the page: " + needle);
    }

    private static String scoredEntities(String html) {
        Matcher m = Pattern.compile("<table id=\"scored-entities\">.*?</table>", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group() : "";
    }

    private static String href(String html, String id) {
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\" id=\"" + id + "\"").matcher(html);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    @Test
    void aTeamWithHundredsOfEntitiesGetsASummaryAndOnePageOfRows() {
        String html = given().get("/insights?team=platform").then().statusCode(200).extract().asString();
        String rows = scoredEntities(html);
        assertEquals(InsightsPages.ENTITIES_PER_PAGE, count(rows, "<tr><td><a href="));
        assertContains(rows, "Entities 1 to 25 of 300");
        assertContains(rows, ">component:default/svc-000</a>");
        assertContains(rows, ">resource:default/svc-023</a>");
        assertEquals(0, count(rows, "svc-025"));
        // Every entity is in the summary: per kind and level, by hand from InsightsDouble#platformRollup.
        assertContains(html, "<tr><th scope=\"row\">component</th><td>10</td><td>24</td><td>33</td><td>33</td><td>100</td></tr>");
        assertContains(html, "<th scope=\"col\">gold</th><th scope=\"col\">silver</th><th scope=\"col\">bronze</th>");
        assertEquals(null, href(html, "entities-previous"));
        assertEquals("/insights?team=platform&window=30d&environment=production&page=2#scored-entities",
                href(html, "entities-next"));
    }

    @Test
    void theNextPageLinkLeadsThroughTheRowsToTheLastPage() {
        String first = given().get("/insights?team=platform").then().statusCode(200).extract().asString();
        String second = given().urlEncodingEnabled(false).get(href(first, "entities-next")).then().statusCode(200)
                .extract().asString();
        String rows = scoredEntities(second);
        assertEquals(InsightsPages.ENTITIES_PER_PAGE, count(rows, "<tr><td><a href="));
        assertContains(rows, "Entities 26 to 50 of 300");
        assertContains(rows, ">api:default/svc-025</a>");
        assertEquals(0, count(rows, "svc-024<"));
        assertEquals("/insights?team=platform&window=30d&environment=production&page=1#scored-entities",
                href(second, "entities-previous"));
        assertEquals("/insights?team=platform&window=30d&environment=production&page=3#scored-entities",
                href(second, "entities-next"));

        String last = given().get("/insights?team=platform&page=12").then().statusCode(200).extract().asString();
        assertContains(scoredEntities(last), "Entities 276 to 300 of 300");
        assertContains(scoredEntities(last), ">resource:default/svc-299</a>");
        assertEquals(null, href(last, "entities-next"));
        // Past the end is the last page; anything but a positive number, the first.
        assertContains(given().get("/insights?team=platform&page=99").then().statusCode(200).extract().asString(),
                "Entities 276 to 300 of 300");
        assertContains(given().get("/insights?team=platform&page=-3").then().statusCode(200).extract().asString(),
                "Entities 1 to 25 of 300");
        assertContains(given().get("/insights?team=platform&page=two").then().statusCode(200).extract().asString(),
                "Entities 1 to 25 of 300");
    }

    @Test
    void aSmallTeamHasNoPager() {
        String html = given().get("/insights?team=payments").then().statusCode(200).extract().asString();
        assertContains(html, "Entities 1 to 2 of 2");
        assertEquals(0, count(html, "Pages of entities"));
    }

    @Test
    void theEntityPagesTimesReadRelativeToNowWhateverTheirOffset() {
        QuarkusMock.installMockForType(new RelativeTime(Clock.fixed(Instant.parse("2026-02-01T12:05:00Z"), ZoneOffset.UTC)),
                RelativeTime.class);
        String html = given().get("/catalog/component/default/shop").then().statusCode(200).extract().asString();
        assertContains(html, "<time datetime=\"2026-02-01T10:05:00Z\" title=\"2026-02-01 10:05:00 UTC\">2 h ago</time>");
        assertContains(html, "opened <time datetime=\"2026-02-01T11:00:00Z\" title=\"2026-02-01 11:00:00 UTC\">1 h ago</time>");
        assertContains(html, "by alice <span class=\"hint\"><time datetime=\"2026-02-01T11:30:00Z\""
                + " title=\"2026-02-01 11:30:00 UTC\">35 min ago</time>");
    }
}
