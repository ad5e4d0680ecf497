package dev.runway.launcher.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The report of one run: JSON for tools, Markdown (rendered from the same JSON) for people. */
public final class ReportWriter {

    public record Machine(int cores, long memoryMib, double[] loadAverage) {
    }

    public record Report(String scenario, Instant startedAt, Machine machine, String duration, long maxRequests,
            int clients, Measurements platform, Measurements baseline, String baselineDescription,
            Map<String, ResourceMonitor.Usage> resources, List<String> notes) {
    }

    private ReportWriter() {
    }

    public static ObjectNode toJson(Report r) {
        ObjectNode root = Platform.JSON.createObjectNode();
        root.put("scenario", r.scenario());
        root.put("startedAt", r.startedAt().toString());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", r.machine().cores());
        machine.put("memoryMiB", r.machine().memoryMib());
        var load = machine.putArray("loadAverageAtStart");
        for (double l : r.machine().loadAverage()) {
            load.add(l);
        }
        ObjectNode bounds = root.putObject("bounds");
        bounds.put("duration", r.duration());
        bounds.put("maxRequests", r.maxRequests());
        bounds.put("clients", r.clients());
        root.set("platform", phase(r.platform()));
        ObjectNode baseline = root.putObject("baseline");
        baseline.put("description", r.baselineDescription());
        if (r.baseline() != null) {
            baseline.setAll(phase(r.baseline()));
            ObjectNode ratio = root.putObject("ratio");
            ratio.put("throughputPlatformToBaseline", round(r.platform().throughput() / r.baseline().throughput()));
            double basePercentile = r.baseline().overall().getValueAtPercentile(50);
            ratio.put("p50PlatformToBaseline", basePercentile == 0 ? 0
                    : round(r.platform().overall().getValueAtPercentile(50) / basePercentile));
        }
        ObjectNode resources = root.putObject("resources");
        long requests = Math.max(1, r.platform().requests());
        r.resources().forEach((part, u) -> {
            ObjectNode p = resources.putObject(part);
            p.put("pid", u.pid());
            p.put("cpuSeconds", round(u.cpuSeconds()));
            p.put("cpuSecondsPer1000Requests", round(u.cpuSeconds() * 1000 / requests));
            p.put("rssBeforeMiB", u.rssBeforeKib() / 1024);
            p.put("rssAfterMiB", u.rssAfterKib() / 1024);
            p.put("peakRssMiB", u.peakRssKib() / 1024);
        });
        var notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        return root;
    }

    static ObjectNode phase(Measurements m) {
        ObjectNode phase = Platform.JSON.createObjectNode();
        phase.put("seconds", round(m.seconds()));
        phase.put("requests", m.requests());
        phase.put("throughputPerSecond", round(m.throughput()));
        phase.put("errors", m.errorCount());
        ObjectNode latency = phase.putObject("latencyMs");
        latency.set("overall", latency(m.overall()));
        ObjectNode ops = latency.putObject("operations");
        m.operations().forEach((op, h) -> ops.set(op, latency(h)));
        ObjectNode errors = phase.putObject("errorsByStatus");
        m.errors().forEach(errors::put);
        return phase;
    }

    static ObjectNode latency(Histogram h) {
        ObjectNode node = Platform.JSON.createObjectNode();
        node.put("count", h.getTotalCount());
        node.put("p50", ms(h.getValueAtPercentile(50)));
        node.put("p95", ms(h.getValueAtPercentile(95)));
        node.put("p99", ms(h.getValueAtPercentile(99)));
        node.put("max", ms(h.getMaxValue()));
        return node;
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    public static String toMarkdown(JsonNode j) {
        StringBuilder md = new StringBuilder();
        md.append("# Load: ").append(j.path("scenario").asText()).append("\n\n");
        JsonNode machine = j.path("machine");
        md.append(String.format(Locale.ROOT, "Started %s on %d cores, %d MiB, load average at start %s. Bounds: %s or %d"
                        + " requests, %d clients.%n%n", j.path("startedAt").asText(), machine.path("cores").asInt(),
                machine.path("memoryMiB").asLong(), machine.path("loadAverageAtStart"), j.path("bounds").path("duration")
                        .asText(), j.path("bounds").path("maxRequests").asLong(), j.path("bounds").path("clients").asInt()));
        md.append("| phase | seconds | requests | throughput /s | errors | p50 ms | p95 ms | p99 ms | max ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        phaseRow(md, "platform", j.path("platform"));
        if (j.path("baseline").has("requests")) {
            phaseRow(md, "baseline (raw PostgreSQL)", j.path("baseline"));
        }
        md.append("\nBaseline: ").append(j.path("baseline").path("description").asText()).append("\n");
        if (j.has("ratio")) {
            md.append(String.format(Locale.ROOT, "Platform / baseline: throughput %.3f, p50 latency %.3f.%n",
                    j.path("ratio").path("throughputPlatformToBaseline").asDouble(),
                    j.path("ratio").path("p50PlatformToBaseline").asDouble()));
        }
        operations(md, "Platform operations", j.path("platform"));
        if (j.path("baseline").has("requests")) {
            operations(md, "Baseline operations", j.path("baseline"));
        }
        md.append("\n## Errors by status\n\n");
        if (j.path("platform").path("errorsByStatus").isEmpty()) {
            md.append("None.\n");
        }
        j.path("platform").path("errorsByStatus").fields().forEachRemaining(e ->
                md.append("- ").append(e.getKey()).append(": ").append(e.getValue().asLong()).append('\n'));
        md.append("\n## Services (platform phase)\n\n| part | CPU s | CPU s / 1000 requests | RSS before MiB | peak RSS MiB"
                + " | RSS after MiB |\n|---|---:|---:|---:|---:|---:|\n");
        j.path("resources").fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.3f | %d | %d | %d |%n", e.getKey(),
                    p.path("cpuSeconds").asDouble(), p.path("cpuSecondsPer1000Requests").asDouble(),
                    p.path("rssBeforeMiB").asLong(), p.path("peakRssMiB").asLong(), p.path("rssAfterMiB").asLong()));
        });
        if (!j.path("notes").isEmpty()) {
            md.append("\n## Notes\n\n");
            j.path("notes").forEach(n -> md.append("- ").append(n.asText()).append('\n'));
        }
        return md.toString();
    }

    private static void phaseRow(StringBuilder md, String name, JsonNode p) {
        JsonNode o = p.path("latencyMs").path("overall");
        md.append(String.format(Locale.ROOT, "| %s | %.1f | %d | %.1f | %d | %.2f | %.2f | %.2f | %.2f |%n", name,
                p.path("seconds").asDouble(), p.path("requests").asLong(), p.path("throughputPerSecond").asDouble(),
                p.path("errors").asLong(), o.path("p50").asDouble(), o.path("p95").asDouble(), o.path("p99").asDouble(),
                o.path("max").asDouble()));
    }

    private static void operations(StringBuilder md, String title, JsonNode p) {
        md.append("\n## ").append(title).append("\n\n| operation | count | p50 ms | p95 ms | p99 ms | max ms |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        p.path("latencyMs").path("operations").fields().forEachRemaining(e -> {
            JsonNode o = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", e.getKey(),
                    o.path("count").asLong(), o.path("p50").asDouble(), o.path("p95").asDouble(),
                    o.path("p99").asDouble(), o.path("max").asDouble()));
        });
    }

    /** Writes NAME.json and NAME.md into {@code directory}; answers the Markdown file. */
    public static Path write(Path directory, String name, Report report) throws IOException {
        Files.createDirectories(directory);
        ObjectNode json = toJson(report);
        Files.writeString(directory.resolve(name + ".json"),
                Platform.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        Path md = directory.resolve(name + ".md");
        Files.writeString(md, toMarkdown(json));
        return md;
    }
}
