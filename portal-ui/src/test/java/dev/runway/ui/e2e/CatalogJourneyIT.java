package dev.runway.ui.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

/** Registering a service (form and YAML, dry run first), finding it with search and facets, its entity page. */
class CatalogJourneyIT {
    private static Browser browser;

    @BeforeAll
    static void platformAndBrowser() throws Exception {
        RunningPlatform.ensureUp();
        browser = new Browser("catalog");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aliceRegistersAServiceAfterADryRunFindsItAndOpensItsPage() throws Exception {
        Page page = browser.newUser();
        SignInJourneyIT.signIn(page, "alice");
        page.click("nav[aria-label=Main] >> text=Catalog");
        browser.screenshot(page, "catalog");
        Accessibility.assertNoSeriousViolations(page);

        page.click("text=Register a service");
        String name = ProvisioningJourneyIT.unique("shop-");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Not a valid name!");
        page.getByLabel("Title").fill("Shop " + name);
        page.getByLabel("Lifecycle").selectOption("production");
        page.getByLabel("Tags (comma-separated)").fill("e2e, java");
        page.click("button:text('Check (dry run)')");
        assertThat(page.locator("#name-error")).isVisible();
        browser.screenshot(page, "register-invalid-name");
        Accessibility.assertNoSeriousViolations(page);

        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.click("button:text('Check (dry run)')");
        assertThat(page.locator("#verdict")).containsText("Nothing was saved yet");
        browser.screenshot(page, "register-dry-run-valid");
        page.click("button:text-is('Register')");

        assertThat(page.locator("h1")).hasText("Shop " + name);
        assertThat(page.locator("#overview")).containsText("component:default/" + name);
        assertThat(page.locator("#graph svg")).isVisible();
        assertThat(page.locator("#history")).containsText("Version 1");
        assertThat(page.locator("#relations")).containsText("ownedBy");
        browser.screenshot(page, "entity-page");
        Accessibility.assertNoSeriousViolations(page);

        page.navigate(RunningPlatform.PORTAL + "/catalog");
        page.getByLabel("Search").fill(name);
        page.click("button:text-is('Search')");
        assertThat(page.locator("#results")).containsText("Shop " + name);
        page.click("#facets >> a:has-text('production')");
        assertThat(page.locator("#results")).containsText("Shop " + name);
        assertThat(page.locator("#facets a[aria-current=true]")).containsText("production");
        browser.screenshot(page, "search-with-facet");
        Accessibility.assertNoSeriousViolations(page);

        page.navigate(RunningPlatform.PORTAL + "/home");
        assertThat(page.locator("#my-services")).containsText("Shop " + name);
    }

    @Test
    void aPastedDescriptorWithAMistakeIsReportedAtItsLine() throws Exception {
        Page page = browser.newUser();
        SignInJourneyIT.signIn(page, "alice");
        page.navigate(RunningPlatform.PORTAL + "/catalog/register?mode=yaml");
        page.getByLabel("catalog-info.yaml").fill("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: "Not valid!"
                spec:
                  type: service
                  lifecycle: production
                  owner: payments
                """);
        page.click("button:text('Check (dry run)')");
        assertThat(page.locator("#yaml-problems")).containsText("Line 4: metadata.name");
        browser.screenshot(page, "yaml-error-at-line");
        Accessibility.assertNoSeriousViolations(page);
    }
}
