package dev.runway.cli.command;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.cli.CliContext;
import dev.runway.cli.HelpOption;
import dev.runway.cli.ConnectionOptions;
import dev.runway.cli.OutputOptions;
import dev.runway.cli.http.ApiResponse;
import dev.runway.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "incident", description = "Open and resolve incidents, the input of time to restore.",
        subcommands = { IncidentCommand.Open.class, IncidentCommand.Resolve.class })
public final class IncidentCommand extends Group {

    public enum Severity {
        sev1, sev2, sev3, sev4
    }

    @Command(name = "open", description = {
        "Record an incident of an entity.",
        "Pass --external-id (e.g. your pager's incident id) so that a retry does",
        "not record it twice; without it the id is <entity name>-<opened-at epoch",
        "seconds>, and it is printed." })
    public static final class Open implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        HelpOption help;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        @Option(names = "--entity", required = true, paramLabel = "REF",
                description = "catalog entity ref, e.g. component:default/payments-api")
        String entity;

        @Option(names = "--severity", required = true, paramLabel = "SEV", description = "sev1, sev2, sev3 or sev4")
        Severity severity;

        @Option(names = "--opened-at", paramLabel = "INSTANT", description = "ISO-8601 (default: now)")
        Instant openedAt;

        @Option(names = "--resolved-at", paramLabel = "INSTANT",
                description = "ISO-8601, when recording an incident that is already over")
        Instant resolvedAt;

        @Option(names = "--caused-by", paramLabel = "DEPLOYMENT",
                description = "external id of the deployment that caused it (counts as a change failure)")
        String causedBy;

        @Option(names = "--external-id", paramLabel = "ID", description = "idempotency key")
        String externalId;

        public Open(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Instant opened = openedAt != null ? openedAt : ctx.clock().instant();
            String id = externalId != null ? externalId : defaultExternalId(entity, opened);
            ObjectNode body = Json.object();
            body.put("entityRef", entity);
            body.put("severity", severity.name());
            body.put("openedAt", opened.toString());
            if (resolvedAt != null) {
                body.put("resolvedAt", resolvedAt.toString());
            }
            if (causedBy != null) {
                body.put("causedByDeployment", causedBy);
            }
            body.put("externalId", id);
            ApiResponse response = Requests.sendJson(ctx, connection, output, "POST", "/api/v1/incidents", body);
            Requests.print(ctx, output, response, response.status() == 201 ? "Opened incident " + id
                    : "Incident " + id + " was already recorded; nothing changed");
            return 0;
        }

        /** Letters, digits, '.', '_' and '-' only, so that the id fits in a URL path as it is. */
        static String defaultExternalId(String entity, Instant openedAt) {
            String name = entity.substring(entity.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "-");
            return name + "-" + openedAt.getEpochSecond();
        }
    }

    @Command(name = "resolve", description = "Mark an incident resolved.")
    public static final class Resolve implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        HelpOption help;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "EXTERNAL_ID", description = "the id the incident was opened with")
        String externalId;

        @Option(names = "--resolved-at", paramLabel = "INSTANT", description = "ISO-8601 (default: now)")
        Instant resolvedAt;

        public Resolve(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ObjectNode body = Json.object();
            body.put("resolvedAt", (resolvedAt != null ? resolvedAt : ctx.clock().instant()).toString());
            ApiResponse response = Requests.sendJson(ctx, connection, output, "PATCH",
                    "/api/v1/incidents/" + pathSegment(externalId), body);
            Requests.print(ctx, output, response, "Resolved incident " + externalId);
            return 0;
        }

        /** Percent-encodes everything but RFC 3986 unreserved characters, '/' included. */
        static String pathSegment(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
