package dev.runway.cli.command;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.cli.CliContext;
import dev.runway.cli.ConnectionOptions;
import dev.runway.cli.OutputOptions;
import dev.runway.cli.auth.TokenProvider;
import dev.runway.cli.http.ApiClient;
import dev.runway.cli.http.ApiResponse;
import dev.runway.cli.output.Format;
import dev.runway.cli.output.Json;

/** A JSON write to catalog-service and its answer, as the deploy and incident commands all need it. */
final class Requests {
    private Requests() {
    }

    static ApiResponse sendJson(CliContext ctx, ConnectionOptions connection, OutputOptions output, String method,
            String path, JsonNode body) {
        ApiClient api = new ApiClient(ctx, new TokenProvider(ctx, connection.oidc(ctx)).token().value(),
                output.json);
        ApiResponse response = api.send(method, URI.create(connection.catalog(ctx) + path), "application/json",
                Json.compact(body));
        api.expectSuccess(response);
        return response;
    }

    /** The answer as JSON, or the headline and its fields for a person. */
    static void print(CliContext ctx, OutputOptions output, ApiResponse response, String headline) {
        JsonNode json = response.json();
        if (output.json) {
            ctx.out().println(json == null ? "{}" : Json.pretty(json));
            return;
        }
        ctx.out().println(headline);
        if (json != null) {
            Format.fields(ctx.out(), json);
        }
    }
}
