package dev.runway.ui.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;

/**
 * Two people and an auditor: alice asks for production access, bob approves it in his own browser, alice now
 * holds the grant, and erin finds the request, the decision and the grant in the audit log.
 */
class AccessJourneyIT {
    private static Browser browser;

    @BeforeAll
    static void platformAndBrowser() throws Exception {
        RunningPlatform.ensureUp();
        browser = new Browser("access");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aliceRequestsProductionAccessBobApprovesAliceHoldsTheGrantErinAuditsIt() throws Exception {
        Page alice = browser.newUser();
        SignInJourneyIT.signIn(alice, "alice");
        alice.click("nav[aria-label=Main] >> text=Access");
        browser.screenshot(alice, "alice-access");
        Accessibility.assertNoSeriousViolations(alice);

        // Team scope: a lead of the team (bob) may decide it. The justification tells this run's request apart.
        String release = ProvisioningJourneyIT.unique("release-");
        alice.getByLabel("Role").selectOption("maintainer");
        alice.getByLabel("Scope").fill("team:payments");
        alice.getByLabel("Duration").fill("PT4H");
        alice.getByLabel("Justification").fill("Production " + release);
        alice.click("button:text('Request access')");
        assertThat(alice.locator("#notice")).containsText("Your request was sent");
        assertThat(alice.locator("#my-requests")).containsText("maintainer on team:payments for PT4H");
        browser.screenshot(alice, "alice-requested");

        Page bob = browser.newUser();
        SignInJourneyIT.signIn(bob, "bob");
        bob.click("nav[aria-label=Main] >> text=Access");
        bob.click("text=Approvals inbox");
        assertThat(bob.locator("#inbox")).containsText(release);
        browser.screenshot(bob, "bob-inbox");
        Accessibility.assertNoSeriousViolations(bob);
        var card = bob.locator("#inbox li", new Page.LocatorOptions().setHasText(release));
        card.getByLabel("Comment (required to deny)").fill("Approved for the release window");
        card.locator("button:text('Approve')").click();
        assertThat(bob.locator("#inbox li", new Page.LocatorOptions().setHasText(release))).hasCount(0);
        browser.screenshot(bob, "bob-approved");

        alice.navigate(RunningPlatform.PORTAL + "/access");
        assertThat(alice.locator("#grants")).containsText("maintainer on team:payments");
        assertThat(alice.locator("#grants")).containsText("granted by bob");
        browser.screenshot(alice, "alice-holds-grant");
        alice.navigate(RunningPlatform.PORTAL + "/home");
        assertThat(alice.locator("#expiring")).containsText("Grant maintainer on team:payments");

        Page erin = browser.newUser();
        SignInJourneyIT.signIn(erin, "erin");
        erin.click("nav[aria-label=Main] >> text=Audit");
        erin.getByLabel("Resource (prefix)").fill("");
        erin.getByLabel("Actor").fill("bob");
        erin.click("button:text('Filter')");
        assertThat(erin.locator("#audit")).containsText("access-request.approve");
        browser.screenshot(erin, "erin-audit-filtered");
        Accessibility.assertNoSeriousViolations(erin);

        Download csv = erin.waitForDownload(() -> erin.click("#export"));
        String exported = Files.readString(csv.path());
        assertTrue(exported.contains("access-request.approve"), exported);

        erin.click("button:text('Verify integrity')");
        assertThat(erin.locator("#verification")).containsText("Integrity verified");
        browser.screenshot(erin, "erin-verified");
        Accessibility.assertNoSeriousViolations(erin);
    }

    @Test
    void daveSeesTheAdminPagesWithTeamLeads() throws Exception {
        Page dave = browser.newUser();
        SignInJourneyIT.signIn(dave, "dave");
        dave.navigate(RunningPlatform.PORTAL + "/access/admin");
        assertThat(dave.locator("#leads")).containsText("payments");
        assertThat(dave.locator("#leads")).containsText("bob");
        browser.screenshot(dave, "dave-admin");
        Accessibility.assertNoSeriousViolations(dave);
    }
}
