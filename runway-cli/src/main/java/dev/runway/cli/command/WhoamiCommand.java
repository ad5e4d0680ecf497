package dev.runway.cli.command;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.cli.CliContext;
import dev.runway.cli.HelpOption;
import dev.runway.cli.ConnectionOptions;
import dev.runway.cli.OutputOptions;
import dev.runway.cli.auth.TokenProvider;
import dev.runway.cli.http.ApiClient;
import dev.runway.cli.output.Json;
import dev.runway.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "whoami", description = "Who the platform takes you for: user, teams, roles, live access grants.")
public final class WhoamiCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    HelpOption help;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    public WhoamiCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        TokenProvider.Token token = new TokenProvider(ctx, connection.oidc(ctx)).token();
        ApiClient api = new ApiClient(ctx, token.value(), output.json);
        JsonNode me = api.expectSuccess(api.get(URI.create(connection.access(ctx) + "/api/v1/me")));
        if (output.json) {
            ctx.out().println(Json.pretty(me));
            return 0;
        }
        new Table("field", "value")
                .row("user", Json.text(me, "username"))
                .row("name", Json.text(me, "displayName"))
                .row("teams", join(me.get("teams")))
                .row("roles", join(me.get("roles")))
                .row("grants", me.path("grants").size())
                .row("credentials", token.source())
                .print(ctx.out(), false);
        return 0;
    }

    private static String join(JsonNode array) {
        List<String> items = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> items.add(n.asText()));
        }
        return String.join(", ", items);
    }
}
