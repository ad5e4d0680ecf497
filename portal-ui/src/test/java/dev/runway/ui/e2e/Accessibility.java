package dev.runway.ui.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;

/** Runs axe-core (pinned by portal-ui/src/test/e2e-tools, installed by bin/runway test) in the page and fails on serious or critical findings. */
final class Accessibility {
    private static String axeSource;

    private Accessibility() {
    }

    @SuppressWarnings("unchecked")
    static void assertNoSeriousViolations(Page page) throws IOException {
        // Evaluated through the DevTools protocol: the portal's CSP rightly blocks an injected inline script.
        page.evaluate(axe());
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}))");
        assertEquals(List.of(), violations, "accessibility violations on " + page.url());
    }

    private static synchronized String axe() throws IOException {
        if (axeSource == null) {
            Path path = RunningPlatform.root().resolve(".runway/e2e/node_modules/axe-core/axe.min.js");
            if (!Files.exists(path)) {
                throw new IllegalStateException("axe-core is missing at " + path + ": run the tests with bin/runway test, "
                        + "which installs the version pinned in portal-ui/src/test/e2e-tools/package-lock.json with npm ci");
            }
            axeSource = Files.readString(path);
        }
        return axeSource;
    }
}
