package dev.runway.launcher.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    static Measurements measured(long... micros) {
        Measurements m = new Measurements();
        m.start();
        for (long us : micros) {
            m.record("catalog.get-by-ref", us, "200", true);
        }
        m.record("catalog.search", 5_000, "503", false);
        m.stop();
        return m;
    }

    static ReportWriter.Report report(Measurements baseline) {
        return new ReportWriter.Report("catalog-reads", Instant.parse("2026-11-22T04:00:00Z"),
                new ReportWriter.Machine(2, 24_000, new double[] { 1.5, 2.0, 2.5 }), "20s", 1000, 8,
                measured(1_000, 2_000, 3_000, 100_000), baseline, "raw SQL",
                Map.of("catalog-service", new ResourceMonitor.Usage(42, 2.5, 300 * 1024, 320 * 1024, 350 * 1024)),
                List.of("busy machine"));
    }

    @Test
    void jsonHasEveryFigureOfTheReport() {
        JsonNode j = ReportWriter.toJson(report(measured(500, 500)));

        assertEquals("catalog-reads", j.path("scenario").asText());
        assertEquals(2, j.path("machine").path("cores").asInt());
        assertEquals(3, j.path("machine").path("loadAverageAtStart").size());
        assertEquals(8, j.path("bounds").path("clients").asInt());
        JsonNode platform = j.path("platform");
        assertEquals(5, platform.path("requests").asLong());
        assertEquals(1, platform.path("errors").asLong());
        assertEquals(1, platform.path("errorsByStatus").path("catalog.search 503").asLong());
        JsonNode byRef = platform.path("latencyMs").path("operations").path("catalog.get-by-ref");
        assertEquals(4, byRef.path("count").asLong());
        assertEquals(2.0, byRef.path("p50").asDouble(), 0.01);
        assertEquals(100.0, byRef.path("max").asDouble(), 0.1);
        for (String field : new String[] { "p50", "p95", "p99", "max", "count" }) {
            assertTrue(platform.path("latencyMs").path("overall").has(field), field);
        }
        assertEquals(3, j.path("baseline").path("requests").asLong());
        assertEquals("raw SQL", j.path("baseline").path("description").asText());
        assertTrue(j.path("ratio").path("throughputPlatformToBaseline").isNumber());
        assertTrue(j.path("ratio").path("p50PlatformToBaseline").asDouble() > 1);
        JsonNode catalog = j.path("resources").path("catalog-service");
        assertEquals(2.5, catalog.path("cpuSeconds").asDouble(), 1e-9);
        assertEquals(500.0, catalog.path("cpuSecondsPer1000Requests").asDouble(), 1e-9);
        assertEquals(350, catalog.path("peakRssMiB").asLong());
        assertEquals("busy machine", j.path("notes").get(0).asText());
    }

    @Test
    void withoutBaselineThereIsNoRatio() {
        JsonNode j = ReportWriter.toJson(report(null));
        assertFalse(j.has("ratio"));
        assertFalse(j.path("baseline").has("requests"));
        assertEquals("raw SQL", j.path("baseline").path("description").asText());
    }

    @Test
    void writesJsonAndMarkdownSideBySide(@TempDir Path dir) throws Exception {
        Path md = ReportWriter.write(dir.resolve("bench"), "catalog-reads-x", report(measured(500)));

        JsonNode json = Platform.JSON.readTree(Files.readString(dir.resolve("bench/catalog-reads-x.json")));
        assertEquals("catalog-reads", json.path("scenario").asText());
        String markdown = Files.readString(md);
        assertTrue(markdown.startsWith("# Load: catalog-reads"), markdown);
        assertTrue(markdown.contains("| catalog.get-by-ref | 4 |"), markdown);
        assertTrue(markdown.contains("catalog.search 503: 1"), markdown);
        assertTrue(markdown.contains("| catalog-service | 2.50 |"), markdown);
    }
}
