package dev.runway.ui.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;

/**
 * Insights as a team sees them: alice registers a component for payments and, as a pipeline would, records two
 * deployments (one failed) and an open incident through catalog-service's API with her own token; then in the
 * browser the team's insights page counts them with a tier, and the component's page shows its Scorecard and
 * Delivery sections.
 */
class InsightsJourneyIT {
    private static final String CATALOG = "http://localhost:8081";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Browser browser;

    @BeforeAll
    static void platformAndBrowser() throws Exception {
        RunningPlatform.ensureUp();
        browser = new Browser("insights");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** alice's access token from Keycloak, by the password grant of the public runway-cli client (see README). */
    private static String tokenOf(String user) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=runway-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=runway-demo";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(RunningPlatform.KEYCLOAK + "/realms/runway/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static void post(String token, String path, String contentType, String body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(CATALOG + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), path + " answered " + response.body());
    }

    private static String deployment(String ref, String externalId, String version, String status, Instant commit,
            Instant finished) {
        return """
                {"entityRef":"%s","environment":"production","version":"%s","commitTimes":["%s"],
                 "startedAt":"%s","finishedAt":"%s","status":"%s","externalId":"%s"}"""
                .formatted(ref, version, commit, finished.minus(5, ChronoUnit.MINUTES), finished, status, externalId);
    }

    @Test
    void aliceRecordsDeploymentsAndAnIncidentThenSeesHerTeamsInsightsAndTheComponentsSections() throws Exception {
        String name = ProvisioningJourneyIT.unique("insights-");
        String ref = "component:default/" + name;
        String token = tokenOf("alice");
        post(token, "/api/v1/entities", "application/yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  title: Insights %s
                  description: Registered by the insights journey
                spec:
                  type: service
                  lifecycle: production
                  owner: group:payments
                """.formatted(name, name), 201);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        post(token, "/api/v1/deployments", "application/json", deployment(ref, name + "-1", "1.0.0", "success",
                now.minus(5, ChronoUnit.HOURS), now.minus(2, ChronoUnit.HOURS)), 201);
        post(token, "/api/v1/deployments", "application/json", deployment(ref, name + "-2", "1.0.1", "failure",
                now.minus(3, ChronoUnit.HOURS), now.minus(1, ChronoUnit.HOURS)), 201);
        post(token, "/api/v1/incidents", "application/json", """
                {"entityRef":"%s","severity":"sev2","openedAt":"%s","causedByDeployment":"%s","externalId":"%s"}"""
                .formatted(ref, now.minus(50, ChronoUnit.MINUTES), name + "-2", name + "-inc"), 201);

        Page page = browser.newUser();
        SignInJourneyIT.signIn(page, "alice");
        page.click("nav[aria-label=Main] >> text=Insights");
        page.getByLabel("Team").fill("payments");
        page.getByLabel("Window").selectOption("7d");
        page.click("#insights-filters button:text-is('Show')");
        assertThat(page.locator("h1")).hasText("Insights for payments");

        // Other journeys may have recorded deployments for payments too: at least alice's two count.
        String frequency = page.locator("#metric-deployment-frequency").innerText();
        Matcher count = Pattern.compile("(\\d+) deployments? to production in 7d").matcher(frequency);
        assertTrue(count.find(), frequency);
        assertTrue(Integer.parseInt(count.group(1)) >= 2, frequency);
        assertThat(page.locator("#metric-deployment-frequency .tier")).containsText("Tier:");
        assertThat(page.locator("#metric-deployment-frequency .tier")).not().containsText("No data");
        assertThat(page.locator("#metric-change-failure-rate .tier")).not().containsText("No data");
        assertThat(page.locator("#team-dora-deployments rect.deployments").first()).isVisible();
        // Entities come 25 to a page in ref order, and other journeys' payments entities may sort before this one.
        for (int pages = 0; pages < 40 && !page.locator("#scored-entities").innerText().contains(ref)
                && page.locator("#entities-next").count() > 0; pages++) {
            page.click("#entities-next");
        }
        assertThat(page.locator("#scored-entities")).containsText(ref);
        browser.screenshot(page, "team-insights");
        Accessibility.assertNoSeriousViolations(page);

        page.click("summary:text('The numbers per week')");
        assertThat(page.locator(".chart-data table")).isVisible();
        browser.screenshot(page, "team-insights-numbers");

        page.click("#scored-entities a:text-is('" + ref + "')");
        assertThat(page.locator("h1")).hasText("Insights " + name);
        assertThat(page.locator("#scorecard h2")).hasText("Scorecard");
        assertThat(page.locator("#scorecard-level")).isVisible();
        assertThat(page.locator("#scorecard-rules tbody tr").first()).isVisible();
        assertThat(page.locator("#delivery h2")).containsText("Delivery");
        assertThat(page.locator("#metric-deployment-frequency")).containsText("2 deployments to production in 90d");
        assertThat(page.locator("#metric-change-failure-rate")).containsText("1 of 2 deployments failed or caused an incident");
        assertThat(page.locator("#entity-dora-deployments")).isVisible();
        assertThat(page.locator("#recent-deployments")).containsText("1.0.1");
        assertThat(page.locator("#recent-deployments")).containsText("1.0.0");
        assertThat(page.locator("#open-incidents")).containsText(name + "-inc");
        browser.screenshot(page, "entity-scorecard-and-delivery");
        Accessibility.assertNoSeriousViolations(page);
    }
}
