package dev.runway.ui.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium, headless, driven by Playwright (which must not download a browser of its own here).
 * Each user gets an isolated context, as two people on two machines would.
 */
final class Browser implements AutoCloseable {
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;
    private final Path shots;
    private int shot;
    private final List<String> cspViolations = new java.util.concurrent.CopyOnWriteArrayList<>();

    Browser(String journey) throws Exception {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable())
                .setHeadless(true)
                .setArgs(new ArrayList<>(FLAGS)));
        shots = Path.of("target", "e2e", journey);
        Files.createDirectories(shots);
    }

    private static Path executable() {
        String configured = System.getenv("RUNWAY_CHROMIUM");
        for (String candidate : new String[] { configured, "/usr/bin/chromium", "/usr/bin/chromium-browser" }) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("No Chromium found: install Debian's chromium package or set RUNWAY_CHROMIUM");
    }

    Page newUser() {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1280, 900));
        Page page = context.newPage();
        // Whatever the portal's CSP blocks (an inline script or style, a foreign origin) is reported here.
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                cspViolations.add(page.url() + ": " + m.text());
            }
        });
        return page;
    }

    /** Saves a screenshot of the step as a test artifact under target/e2e/JOURNEY/, after checking the CSP held. */
    void screenshot(Page page, String step) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(shots.resolve(String.format("%02d-%s.png", ++shot, step))));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), cspViolations, "CSP violations up to " + step);
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
