package dev.runway.cli.command;

import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.cli.CliContext;
import dev.runway.cli.HelpOption;
import dev.runway.cli.ConnectionOptions;
import dev.runway.cli.ExitCodes;
import dev.runway.cli.OutputOptions;
import dev.runway.cli.auth.TokenProvider;
import dev.runway.cli.http.ApiClient;
import dev.runway.cli.http.ApiResponse;
import dev.runway.cli.output.Json;
import dev.runway.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "catalog", description = "Validate and register catalog-info.yaml descriptors.",
        subcommands = { CatalogCommand.Validate.class, CatalogCommand.Register.class })
public final class CatalogCommand extends Group {

    @Command(name = "validate", description = {
        "Check every document of FILE against the catalog's rules; stores nothing.",
        "Exits 1 when a document is invalid, so that a pull-request job fails on",
        "a broken descriptor." })
    public static final class Validate implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        HelpOption help;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "FILE", description = "YAML (one or more documents) or .json; '-' reads stdin")
        String file;

        public Validate(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Descriptors descriptors = Descriptors.read(ctx, file);
            ApiClient api = new ApiClient(ctx, new TokenProvider(ctx, connection.oidc(ctx)).token().value(),
                    output.json);
            ApiResponse response = api.send("POST", URI.create(connection.catalog(ctx) + "/api/v1/entities/validate"),
                    descriptors.contentType(), descriptors.body());
            JsonNode report = api.expectSuccess(response);
            boolean valid = report.path("valid").asBoolean(false);
            if (output.json) {
                ctx.out().println(Json.pretty(report));
                return valid ? ExitCodes.OK : ExitCodes.REJECTED;
            }
            PrintWriter out = ctx.out();
            Table table = new Table("DOC", "ENTITY", "VERDICT");
            int invalid = 0;
            for (JsonNode doc : report.path("documents")) {
                boolean ok = doc.path("valid").asBoolean(false);
                invalid += ok ? 0 : 1;
                table.row(doc.path("index").asInt(), Json.text(doc, "entityRef"), ok ? "valid" : "INVALID");
            }
            table.print(out);
            for (JsonNode doc : report.path("documents")) {
                if (!doc.path("valid").asBoolean(false)) {
                    out.println();
                    out.println("document " + doc.path("index").asInt()
                            + (Json.text(doc, "entityRef") != null ? " (" + Json.text(doc, "entityRef") + ")" : "")
                            + ":");
                    Table problems = new Table("field", "message");
                    for (JsonNode v : doc.path("violations")) {
                        problems.row("  " + Json.text(v, "field"), Json.text(v, "message"));
                    }
                    problems.print(out, false);
                }
            }
            int total = report.path("documents").size();
            out.println();
            out.println(valid ? total + (total == 1 ? " document, valid." : " documents, all valid.")
                    : invalid + " of " + total + " documents invalid.");
            return valid ? ExitCodes.OK : ExitCodes.REJECTED;
        }
    }

    @Command(name = "register", description = {
        "Register or update every document of FILE in the catalog (upsert by ref).",
        "All or nothing: exits 1 and stores nothing when any document is rejected." })
    public static final class Register implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        HelpOption help;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        @Option(names = "--dry-run", description = "report what would change without storing it")
        boolean dryRun;

        @Parameters(paramLabel = "FILE", description = "YAML (one or more documents) or .json; '-' reads stdin")
        String file;

        public Register(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Descriptors descriptors = Descriptors.read(ctx, file);
            ApiClient api = new ApiClient(ctx, new TokenProvider(ctx, connection.oidc(ctx)).token().value(),
                    output.json);
            ApiResponse response = api.send("POST", URI.create(connection.catalog(ctx)
                    + "/api/v1/entities/import?dryRun=" + dryRun), descriptors.contentType(), descriptors.body());
            JsonNode report = api.expectSuccess(response);
            if (output.json) {
                ctx.out().println(Json.pretty(report));
                return ExitCodes.OK;
            }
            Table table = new Table("DOC", "ENTITY", "OUTCOME", "REASON");
            for (JsonNode item : report.path("items")) {
                table.row(item.path("index").asInt(), Json.text(item, "entityRef"), Json.text(item, "outcome"),
                        Json.text(item, "reason"));
            }
            table.print(ctx.out());
            ctx.out().println();
            ctx.out().println("created " + report.path("created").asInt() + ", updated "
                    + report.path("updated").asInt() + ", unchanged " + report.path("unchanged").asInt()
                    + (report.path("dryRun").asBoolean() ? " (dry run: nothing stored)" : ""));
            return ExitCodes.OK;
        }
    }
}
