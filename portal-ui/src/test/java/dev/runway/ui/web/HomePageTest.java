package dev.runway.ui.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The home page of a user with {@value HomeDouble#ENVIRONMENTS} environments stays one screen long. */
@QuarkusTest
@QuarkusTestResource(value = HomeDouble.class, restrictToAnnotatedClass = true)
@TestSecurity(user = "alice", roles = "developer")
class HomePageTest {

    private static String section(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\".*?</section>", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group() : "";
    }

    private static int count(String html, String needle) {
        return html.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void aBusyTeamsResourcesShowTheNewestTenAndLinkToTheWholeList() {
        String html = given().get("/home").then().statusCode(200).extract().asString();
        String resources = section(html, "my-resources");
        assertEquals(PortalPage.SECTION_ROWS, count(resources, "<tr><td><a href=\"/environments/"));
        // Newest first: env-0 to env-9, not env-10 and beyond.
        assertEquals(List.of(true, true, false), List.of(resources.contains(">env-0</a>"),
                resources.contains(">env-9</a>"), resources.contains(">env-10</a>")));
        assertEquals(1, count(resources, "<a href=\"/environments\" id=\"more-resources\">290 more environments and"
                + " databases</a>"));
        // Each row's expiry reads in words, the exact instant in its title.
        assertEquals(PortalPage.SECTION_ROWS, count(resources, " h</time></td>"));
    }

    @Test
    void expiringSoonShowsTheFirstTenToExpireAndHowManyMore() {
        String html = given().get("/home").then().statusCode(200).extract().asString();
        String expiring = section(html, "expiring");
        assertEquals(PortalPage.SECTION_ROWS, count(expiring, "<li><a href=\"/environments/"));
        // The oldest expire first: env-299 leads.
        assertEquals(true, expiring.contains(">Environment env-299</a> expires <time datetime="));
        assertEquals(1, count(expiring, "id=\"more-expiring\">290 more expire in the next three days"));
    }

    @Test
    void theMoreLinkLeadsToTheListWhichPagesOnward() {
        String first = given().get("/environments").then().statusCode(200).extract().asString();
        assertEquals(ProvisioningPages.PAGE_SIZE, count(first, "<tr><td><a href=\"/environments/"));
        Matcher next = Pattern.compile("<a href=\"([^\"]+)\" id=\"more-environments\"").matcher(first);
        assertEquals(true, next.find());
        String second = given().urlEncodingEnabled(false).get(next.group(1).replace("&amp;", "&")).then().statusCode(200)
                .extract().asString();
        assertEquals(ProvisioningPages.PAGE_SIZE, count(second, "<tr><td><a href=\"/environments/"));
        assertEquals(List.of(false, true), List.of(second.contains(">env-49</a>"), second.contains(">env-50</a>")));
    }

    @Test
    void servicesOfSeveralTeamsTakeTurnsSoEachTeamsNewestIsShown() {
        assertEquals(List.of("a1", "b1", "c1", "a2", "c2", "a3", "c3"),
                PortalPage.interleaved(List.of(List.of("a1", "a2", "a3"), List.of("b1"), List.of("c1", "c2", "c3", "c4")), 7));
        assertEquals(List.of("a1", "a2"), PortalPage.interleaved(List.of(List.of("a1", "a2")), 10));
        assertEquals(List.of(), PortalPage.interleaved(List.<List<String>>of(), 10));
    }
}
