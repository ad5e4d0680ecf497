package dev.runway.ui.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

/**
 * Home, and requesting environments and databases: a form generated from the template, live progress until
 * READY, credentials once, extend and delete; a production environment approved by a lead in his own browser.
 */
class ProvisioningJourneyIT {
    /** How long a journey waits for the reconciler to reach a state. */
    static final LocatorAssertions.HasTextOptions PROVISIONED = new LocatorAssertions.HasTextOptions()
            .setTimeout(90_000);
    private static Browser browser;

    @BeforeAll
    static void platformAndBrowser() throws Exception {
        RunningPlatform.ensureUp();
        browser = new Browser("provisioning");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    static String unique(String prefix) {
        return prefix + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    }

    @Test
    void aliceRequestsAnEnvironmentWatchesItBecomeReadyAddsADatabaseReadsItsCredentialsOnceThenCleansUp()
            throws Exception {
        Page page = browser.newUser();
        SignInJourneyIT.signIn(page, "alice");
        assertThat(page.locator("#teams")).containsText("payments");
        assertThat(page.locator("#my-resources")).isVisible();
        assertThat(page.locator("#approvals")).isVisible();
        browser.screenshot(page, "alice-home");
        Accessibility.assertNoSeriousViolations(page);

        page.click("nav[aria-label=Main] >> text=Environments");
        browser.screenshot(page, "environments");
        Accessibility.assertNoSeriousViolations(page);
        page.click("text=Request an environment");
        assertThat(page.locator("#templates")).containsText("ephemeral");
        browser.screenshot(page, "pick-template");
        Accessibility.assertNoSeriousViolations(page);
        page.click("#templates >> a:text-is('ephemeral')");

        // The form comes from the template's JSON Schema; a value out of its bounds is refused next to the field.
        String env = unique("e2e-");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(env);
        page.getByLabel("Cpu millis").fill("99999");
        page.click("button:text('Request environment')");
        assertThat(page.locator("#param-cpuMillis-error")).containsText("must be at most 2000");
        browser.screenshot(page, "schema-error");
        Accessibility.assertNoSeriousViolations(page);
        page.getByLabel("Cpu millis").fill("500");
        page.click("button:text('Request environment')");

        assertThat(page.locator("h1")).containsText("Environment " + env);
        assertThat(page.locator("#state")).hasText("READY", PROVISIONED);
        assertThat(page.locator("#events")).containsText("PROVISIONING");
        browser.screenshot(page, "environment-ready");
        Accessibility.assertNoSeriousViolations(page);

        page.getByLabel("Extend by").fill("P2D");
        page.click("button:text('Extend')");
        assertThat(page.locator("#state")).hasText("READY", PROVISIONED);
        assertThat(page.locator("#expires")).isVisible();
        assertThat(page.locator("#action-problem")).hasCount(0);

        page.click("text=Add a database to this environment");
        page.click("#templates >> a:text-is('postgresql')");
        String db = "orders_" + Long.toString(System.nanoTime() % 100_000, 36);
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(db);
        browser.screenshot(page, "database-form");
        Accessibility.assertNoSeriousViolations(page);
        page.click("button:text('Request database')");
        assertThat(page.locator("h1")).containsText("Database " + db);
        assertThat(page.locator("#state")).hasText("READY", PROVISIONED);
        browser.screenshot(page, "database-ready");

        String databasePage = page.url();
        page.click("button:text('Show credentials')");
        assertThat(page.locator("#cred-password")).not().isEmpty();
        assertThat(page.locator("button[data-copy=cred-password]")).isVisible();
        browser.screenshot(page, "credentials-once");
        Accessibility.assertNoSeriousViolations(page);
        page.navigate(databasePage);
        page.click("button:text('Show credentials')");
        assertThat(page.locator("#already-shown")).isVisible();
        assertThat(page.locator("#cred-password")).hasCount(0);
        browser.screenshot(page, "credentials-already-shown");

        page.navigate(databasePage);
        page.click("button:text('Delete " + db + "')");
        assertThat(page.locator("#state")).hasText("DELETED", PROVISIONED);
        browser.screenshot(page, "database-deleted");

        page.navigate(RunningPlatform.PORTAL + "/home");
        assertThat(page.locator("#my-resources")).containsText(env);
        page.click("#my-resources >> text=" + env);
        page.click("button:text('Delete " + env + "')");
        assertThat(page.locator("#state")).hasText("DELETED", PROVISIONED);
        browser.screenshot(page, "environment-deleted");
    }

    @Test
    void aliceRequestsAProductionEnvironmentAndBobApprovesItInHisOwnBrowser() throws Exception {
        Page alice = browser.newUser();
        SignInJourneyIT.signIn(alice, "alice");
        alice.navigate(RunningPlatform.PORTAL + "/environments/new?template=production");
        assertThat(alice.locator(".notice")).containsText("must approve");
        String env = unique("prod-");
        alice.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(env);
        // Small enough that repeated runs stay inside the team's quota; deleted again at the end.
        alice.getByLabel("Cpu millis").fill("500");
        alice.getByLabel("Memory MiB").fill("512");
        alice.click("button:text('Request environment')");
        assertThat(alice.locator("#state")).hasText("PENDING_APPROVAL", PROVISIONED);
        // She may not decide her own request: no decision form for her.
        assertThat(alice.locator("#decide")).hasCount(0);
        browser.screenshot(alice, "alice-production-pending");

        Page bob = browser.newUser();
        SignInJourneyIT.signIn(bob, "bob");
        assertThat(bob.locator("#approvals")).containsText(env);
        browser.screenshot(bob, "bob-home-approvals");
        Accessibility.assertNoSeriousViolations(bob);
        bob.click("#approvals >> text=" + env);
        bob.getByLabel("Comment (shown to the requester)").fill("Go ahead for the launch");
        browser.screenshot(bob, "bob-decides");
        Accessibility.assertNoSeriousViolations(bob);
        bob.click("button:text('Approve')");
        assertThat(bob.locator("#state")).not().hasText("PENDING_APPROVAL");

        // Alice's page, still open, follows the request live (htmx polling) until it is provisioned.
        assertThat(alice.locator("#state")).hasText("READY", PROVISIONED);
        assertThat(alice.locator("#events")).containsText("bob");
        browser.screenshot(alice, "alice-production-ready");
        alice.click("button:text('Delete " + env + "')");
        assertThat(alice.locator("#state")).hasText("DELETED", PROVISIONED);
    }
}
