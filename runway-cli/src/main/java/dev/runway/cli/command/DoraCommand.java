package dev.runway.cli.command;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.cli.CliContext;
import dev.runway.cli.HelpOption;
import dev.runway.cli.ConnectionOptions;
import dev.runway.cli.OutputOptions;
import dev.runway.cli.auth.TokenProvider;
import dev.runway.cli.http.ApiClient;
import dev.runway.cli.output.Format;
import dev.runway.cli.output.Json;
import dev.runway.cli.output.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dora", description = {
    "The DORA metrics of an entity, a team or a system.",
    "Deployment frequency, lead time, change failure rate, time to restore and",
    "rework rate, each with its performance tier, and a weekly series." })
public final class DoraCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "ENTITY", arity = "0..1", description = "entity ref, e.g. component:default/payments-api")
    String entity;

    @Option(names = "--team", paramLabel = "NAME", description = "all entities owned by this team")
    String team;

    @Option(names = "--system", paramLabel = "REF", description = "all entities of this system")
    String system;

    @Option(names = "--window", paramLabel = "WINDOW", defaultValue = "30d", description = "7d, 30d (default) or 90d")
    String window;

    @Option(names = { "--environment", "--env" }, paramLabel = "ENV", defaultValue = "production",
            description = "environment (default: production)")
    String environment;

    public DoraCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        int scopes = (entity != null ? 1 : 0) + (team != null ? 1 : 0) + (system != null ? 1 : 0);
        if (scopes != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Name exactly one of ENTITY, --team or --system");
        }
        String scope = entity != null ? "entity=" + q(entity)
                : team != null ? "team=" + q(team) : "system=" + q(system);
        URI uri = URI.create(connection.catalog(ctx) + "/api/v1/dora?" + scope + "&window=" + q(window)
                + "&environment=" + q(environment));
        ApiClient api = new ApiClient(ctx, new TokenProvider(ctx, connection.oidc(ctx)).token().value(), output.json);
        JsonNode dora = api.expectSuccess(api.get(uri));
        if (output.json) {
            ctx.out().println(Json.pretty(dora));
            return 0;
        }
        print(ctx.out(), dora);
        return 0;
    }

    static void print(PrintWriter out, JsonNode dora) {
        JsonNode scope = dora.path("scope");
        String scopeText = scope.isObject()
                ? Json.text(scope, "type") + " " + Json.text(scope, "ref")
                        + (scope.has("entities") ? " (" + scope.get("entities").asLong()
                                + (scope.get("entities").asLong() == 1 ? " entity)" : " entities)") : "")
                : scope.asText();
        new Table("field", "value")
                .row("scope", scopeText)
                .row("window", Json.text(dora, "window") + ", " + Json.text(dora, "from") + " .. "
                        + Json.text(dora, "to"))
                .row("environment", Json.text(dora, "environment"))
                .print(out, false);
        out.println();

        JsonNode df = dora.path("deploymentFrequency");
        JsonNode lt = dora.path("leadTime");
        JsonNode cfr = dora.path("changeFailureRate");
        JsonNode ttr = dora.path("timeToRestore");
        JsonNode rr = dora.path("reworkRate");
        Table metrics = new Table("METRIC", "VALUE", "TIER", "BASIS");
        metrics.row("deployment frequency", df.path("value").isNumber() ? Format.number(df.get("value")) + " per day"
                : null, tier(df), count(df.path("deployments"), "deployment"));
        metrics.row("lead time", lt.path("medianSeconds").isNumber()
                ? "median " + Format.duration(lt.get("medianSeconds")) + ", p90 "
                        + Format.duration(lt.get("p90Seconds"))
                : null, tier(lt), count(lt.path("samples"), "deployment") + " with commit times");
        metrics.row("change failure rate", Format.percent(cfr.get("value")), tier(cfr),
                cfr.path("failures").asInt() + " of " + count(cfr.path("deployments"), "deployment"));
        metrics.row("time to restore", ttr.path("medianSeconds").isNumber()
                ? "median " + Format.duration(ttr.get("medianSeconds")) : null, tier(ttr),
                count(ttr.path("samples"), "incident") + " restored"
                        + (ttr.path("openIncidents").asInt() > 0 ? ", " + ttr.get("openIncidents").asInt() + " open"
                                : ""));
        metrics.row("rework rate", Format.percent(rr.get("value")), tier(rr), rr.has("deployments")
                ? rr.path("reworkDeployments").asInt() + " of " + count(rr.path("deployments"), "deployment") : null);
        metrics.print(out);

        JsonNode series = dora.path("series");
        if (series.isArray() && !series.isEmpty()) {
            out.println();
            out.println("By week:");
            Format.rows(out, series);
        }
    }

    private static String tier(JsonNode metric) {
        String tier = Json.text(metric, "tier");
        return tier == null ? null : tier.toLowerCase().replace('_', ' ');
    }

    private static String count(JsonNode n, String noun) {
        long c = n.asLong(0);
        return c + " " + noun + (c == 1 ? "" : "s");
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
