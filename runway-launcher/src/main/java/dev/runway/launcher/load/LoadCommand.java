package dev.runway.launcher.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a bounded load scenario against the platform running on this machine, then the same work as raw "
                + "PostgreSQL (the baseline), and writes a Markdown and a JSON report.",
            "Scenarios: catalog-reads, backstage-reads, catalog-import, decisions, audit-queries, provisioning-burst, monday.",
            "Every target must be on the loopback interface. A phase stops at --duration or --max-requests, whichever "
                + "comes first." })
public final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "catalog-reads, backstage-reads,"
            + " catalog-import, decisions, audit-queries, provisioning-burst or monday")
    String scenario;

    @Option(names = "--duration", defaultValue = "30s", paramLabel = "TIME",
            description = "Bound of each phase, e.g. 20s, 2m (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--max-requests", defaultValue = "100000", paramLabel = "N",
            description = "Request cap of each phase (default: ${DEFAULT-VALUE}).")
    long maxRequests;

    @Option(names = "--clients", paramLabel = "C",
            description = "Concurrent clients (default: 24 for monday, 8 otherwise).")
    Integer clients;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "catalog-reads, backstage-reads and monday: import N synthetic components first"
                    + " (default: none).")
    int seed;

    @Option(names = "--no-baseline", description = "Skip the raw PostgreSQL phase.")
    boolean noBaseline;

    @Option(names = "--settle-timeout", defaultValue = "120s", paramLabel = "TIME",
            description = "provisioning-burst and monday: how long to wait for READY / DELETED (default: ${DEFAULT-VALUE}).")
    String settleTimeout;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".runway/bench",
            description = "Directory of the report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--pids", paramLabel = "DIR", defaultValue = ".runway/pids",
            description = "bin/runway's pid files, for CPU and RSS of each part (default: ${DEFAULT-VALUE}).")
    Path pids;

    @Option(names = "--postmaster-pid", paramLabel = "FILE", defaultValue = ".runway/postgres/data/postmaster.pid",
            description = "PostgreSQL's postmaster.pid: its server processes count towards the postgres part.")
    Path postmasterPid;

    @Option(names = "--catalog-url", defaultValue = "http://127.0.0.1:8081",
            paramLabel = "URL", description = "catalog-service, loopback only (default: ${DEFAULT-VALUE}).")
    String catalogUrl;
    @Option(names = "--provisioning-url", defaultValue = "http://127.0.0.1:8082",
            paramLabel = "URL", description = "provisioning-service, loopback only (default: ${DEFAULT-VALUE}).")
    String provisioningUrl;
    @Option(names = "--access-url", defaultValue = "http://127.0.0.1:8083",
            paramLabel = "URL", description = "access-service, loopback only (default: ${DEFAULT-VALUE}).")
    String accessUrl;
    @Option(names = "--keycloak-url", defaultValue = "http://127.0.0.1:8180",
            paramLabel = "URL", description = "Keycloak, loopback only (default: ${DEFAULT-VALUE}).")
    String keycloakUrl;
    @Option(names = "--realm", defaultValue = "runway", description = "Keycloak realm (default: ${DEFAULT-VALUE}).")
    String realm;
    @Option(names = "--jdbc-url", defaultValue = "jdbc:postgresql://127.0.0.1:15432/",
            description = "Base JDBC URL of the platform's PostgreSQL (user postgres, no password); the database is appended.")
    String jdbcBase;
    @Option(names = "--demo-password", defaultValue = "runway-demo",
            description = "Password of the demo users (default: the demo realm's).")
    String demoPassword;
    @Option(names = "--service-client", defaultValue = "catalog-service",
            description = "Confidential client whose token calls the decision endpoints (default: ${DEFAULT-VALUE}).")
    String serviceClient;
    /** From the environment (bin/runway exports it), so that it is not on a command line that ps shows. */
    @Option(names = "--service-secret", defaultValue = "${env:RUNWAY_CATALOG_CLIENT_SECRET}",
            description = "Secret of --service-client (default: $RUNWAY_CATALOG_CLIENT_SECRET; there is no public one).")
    String serviceSecret;

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 20s, 2m)");
        }
    }

    Scenario scenario(Duration settle) {
        return switch (scenario) {
            case "catalog-reads" -> new CatalogScenarios.Reads();
            case "catalog-import" -> new CatalogScenarios.Import();
            case "backstage-reads" -> new CatalogScenarios.BackstageReads();
            case "decisions" -> new AccessScenarios.Decisions();
            case "audit-queries" -> new AccessScenarios.AuditQueries();
            case "provisioning-burst" -> new ProvisioningBurst(settle);
            case "monday" -> new Monday(settle);
            default -> throw new IllegalArgumentException("unknown scenario '" + scenario + "'");
        };
    }

    @Override
    public Integer call() throws Exception {
        Scenario s;
        Duration bound;
        Platform.Urls urls;
        try {
            bound = parseDuration(duration);
            Duration settle = parseDuration(settleTimeout);
            if (bound.isZero() || bound.isNegative() || settle.isNegative() || maxRequests < 1) {
                throw new IllegalArgumentException("--duration and --max-requests must be positive");
            }
            if (clients != null && (clients < 1 || clients > 512)) {
                throw new IllegalArgumentException("--clients must be between 1 and 512");
            }
            s = scenario(settle);
            urls = new Platform.Urls(LoopbackGuard.requireLoopback("--catalog-url", catalogUrl),
                    LoopbackGuard.requireLoopback("--provisioning-url", provisioningUrl),
                    LoopbackGuard.requireLoopback("--access-url", accessUrl),
                    LoopbackGuard.requireLoopback("--keycloak-url", keycloakUrl), realm);
            LoopbackGuard.requireLoopbackJdbc("--jdbc-url", jdbcBase);
            if (serviceSecret == null || serviceSecret.isBlank()) {
                throw new IllegalArgumentException("the secret of --service-client is not set: export "
                        + "RUNWAY_CATALOG_CLIENT_SECRET (bin/runway keeps it under .runway/secrets/)");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        int c = clients != null ? clients : scenario.equals("monday") ? 24 : 8;
        Instant started = Instant.now();
        String runId = Long.toString(started.getEpochSecond() % 46656, 36);
        Scenario.Context ctx = new Scenario.Context(new Platform(urls, demoPassword, serviceClient, serviceSecret), c,
                bound, maxRequests, jdbcBase, seed, runId);
        ReportWriter.Machine machine = machine();
        var err = spec.commandLine().getErr();
        err.println("load " + s.name() + ": preparing");
        s.prepare(ctx);

        err.println("load " + s.name() + ": platform phase, " + c + " clients, " + duration + " or " + maxRequests
                + " requests");
        ResourceMonitor monitor = new ResourceMonitor(pids, postmasterPid, new ProcStats(Path.of("/proc")),
                ResourceMonitor.clockTicksPerSecond());
        Measurements platform;
        Map<String, ResourceMonitor.Usage> usage;
        try {
            platform = s.runPlatform(ctx);
        } finally {
            usage = monitor.finish();
        }
        s.cleanup(ctx);
        if (usage.isEmpty()) {
            ctx.notes.add("No pid file was found in " + pids + ": CPU and RSS of the services are not reported.");
        }

        Scenario.Baseline baseline = s.baseline(ctx);
        Measurements base = null;
        String baseDescription = baseline.description();
        if (noBaseline) {
            baseDescription = "skipped (--no-baseline)";
        } else if (baseline.work() != null) {
            err.println("load " + s.name() + ": baseline phase (raw PostgreSQL, " + baseline.database() + ")");
            base = runBaseline(s, ctx, baseline);
        }

        ReportWriter.Report report = new ReportWriter.Report(s.name(), started, machine, duration, maxRequests, c,
                platform, base, baseDescription, usage, ctx.notes);
        String name = s.name() + "-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(started);
        Path md = ReportWriter.write(out, name, report);
        spec.commandLine().getOut().print(Files.readString(md));
        spec.commandLine().getOut().flush();
        err.println("load " + s.name() + ": report " + md + " and " + md.resolveSibling(name + ".json"));
        return 0;
    }

    private Measurements runBaseline(Scenario s, Scenario.Context ctx, Scenario.Baseline baseline) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < ctx.clients; i++) {
                Connection connection = DriverManager.getConnection(jdbcBase + baseline.database(), "postgres", "");
                s.prepareBaselineConnection(connection);
                connections.add(connection);
            }
            return Runner.run(ctx.clients, ctx.budget(), 42,
                    (client, random) -> baseline.work().next(connections.get(client), client, random));
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    static ReportWriter.Machine machine() {
        long memoryMib = 0;
        double[] load = new double[0];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memoryMib = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            load = new double[] { Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                    Double.parseDouble(parts[2]) };
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: the report says 0 and an empty load average
        }
        return new ReportWriter.Machine(Runtime.getRuntime().availableProcessors(), memoryMib, load);
    }
}
