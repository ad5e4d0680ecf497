package dev.runway.ui.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

/**
 * Signing in and out through Keycloak's real login page, against the platform started as a user starts it.
 */
class SignInJourneyIT {
    private static Browser browser;

    @BeforeAll
    static void platformAndBrowser() throws Exception {
        RunningPlatform.ensureUp();
        browser = new Browser("sign-in");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    static void signIn(Page page, String user) {
        page.navigate(RunningPlatform.PORTAL + "/home");
        assertThat(page.locator("#kc-login")).isVisible();
        page.fill("#username", user);
        page.fill("#password", "runway-demo");
        page.click("#kc-login");
        page.waitForURL(RunningPlatform.PORTAL + "/home**");
    }

    @Test
    void aliceSignsInSeesHerTeamAndEveryServiceAcceptsHerThenSignsOut() throws Exception {
        Page page = browser.newUser();
        page.navigate(RunningPlatform.PORTAL + "/");
        browser.screenshot(page, "landing");
        Accessibility.assertNoSeriousViolations(page);

        page.click("text=Sign in with single sign-on");
        assertThat(page.locator("#kc-login")).isVisible();
        browser.screenshot(page, "keycloak-login");
        page.fill("#username", "alice");
        page.fill("#password", "runway-demo");
        page.click("#kc-login");
        page.waitForURL(RunningPlatform.PORTAL + "/home**");

        browser.screenshot(page, "home");
        assertThat(page.locator("#username")).hasText("alice");
        assertThat(page.locator("h1")).containsText("Alice");
        assertThat(page.locator("#teams")).containsText("payments");
        assertThat(page.locator("#roles")).containsText("developer");
        // The portal called each API with alice's access token, and each accepted it.
        assertThat(page.locator("#services li.ok")).hasCount(3);
        Accessibility.assertNoSeriousViolations(page);
        // The tokens stay on the server: the browser holds one small session cookie with a random id, no token cookies,
        // and page scripts cannot read it.
        var cookies = page.context().cookies(RunningPlatform.PORTAL);
        assertTrue(cookies.stream().noneMatch(c -> c.name.startsWith("q_session_")), cookies.toString());
        var session = cookies.stream().filter(c -> c.name.equals("q_session")).findFirst().orElseThrow();
        assertTrue(session.value.length() < 400, "session cookie holds an id, not tokens: " + session.value.length());
        assertTrue(session.httpOnly);
        assertEquals(null, page.evaluate("() => document.cookie.includes('q_session') ? 'visible' : null"));

        page.click("text=Sign out");
        page.waitForURL(url -> java.net.URI.create(url).getPath().equals("/")
                && url.startsWith(RunningPlatform.PORTAL));
        browser.screenshot(page, "signed-out");
        // The Keycloak session ended too: the next visit asks for the password again.
        page.navigate(RunningPlatform.PORTAL + "/home");
        assertThat(page.locator("#kc-login")).isVisible();
    }

    @Test
    void aWrongPasswordIsRefusedByKeycloak() {
        Page page = browser.newUser();
        page.navigate(RunningPlatform.PORTAL + "/home");
        page.fill("#username", "alice");
        page.fill("#password", "not-her-password");
        page.click("#kc-login");
        browser.screenshot(page, "wrong-password");
        assertThat(page.getByText("Invalid username or password.")).isVisible();
        assertThat(page.locator("#kc-login")).isVisible();
    }

    @Test
    void daveSeesThePlatformAdminRole() {
        Page page = browser.newUser();
        signIn(page, "dave");
        browser.screenshot(page, "dave-home");
        assertThat(page.locator("#roles")).containsText("platform-admin");
    }
}
