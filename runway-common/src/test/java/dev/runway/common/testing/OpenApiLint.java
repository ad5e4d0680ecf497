package dev.runway.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The OpenAPI document the service's build wrote ({@code quarkus.smallrye-openapi.store-schema-directory}) passes
 * Spectral's recommended rules ({@code .spectral.yaml} at the repository's root) with no error and no warning.
 * Spectral is the npm package {@code bin/runway test} installs into {@code .runway/e2e} from the committed lockfile.
 * A service's integration test calls it, so that it runs after {@code package} has written the document.
 */
public final class OpenApiLint {

    private OpenApiLint() {
    }

    /** Fails, with Spectral's report, unless this module's document passes with no finding of any severity. */
    public static void assertPassesRecommendedRules() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("runway.root", "..")).toAbsolutePath().normalize();
        Path spectral = root.resolve(".runway/e2e/node_modules/.bin/spectral");
        Path document = Path.of("target/openapi/openapi.yaml").toAbsolutePath();
        assertTrue(Files.isExecutable(spectral), spectral + " is missing: bin/runway test installs it (npm ci)");
        assertTrue(Files.isRegularFile(document), document + " is missing: the build writes it when packaging");
        Path report = Path.of("target/openapi/spectral.txt");
        Process lint = new ProcessBuilder(spectral.toString(), "lint", "--ruleset",
                root.resolve(".spectral.yaml").toString(), "--fail-severity=hint", "--format", "text",
                document.toString())
                .redirectErrorStream(true).redirectOutput(report.toFile()).start();
        assertTrue(lint.waitFor(3, TimeUnit.MINUTES), "spectral did not finish in 3 minutes");
        assertEquals(0, lint.exitValue(),
                "spectral found problems:\n" + Files.readString(report, StandardCharsets.UTF_8));
    }
}
