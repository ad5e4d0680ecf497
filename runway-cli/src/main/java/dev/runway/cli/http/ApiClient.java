package dev.runway.cli.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.cli.CliContext;
import dev.runway.cli.CliException;
import dev.runway.cli.ExitCodes;

/**
 * Calls a Runway service with a bearer token and turns every way it can fail into the CLI's exit codes:
 * unreachable 4, 401/403 3, any other non-2xx 1 with the problem rendered.
 */
public final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final CliContext ctx;
    private final String token;
    private final boolean jsonOutput;

    public ApiClient(CliContext ctx, String token, boolean jsonOutput) {
        this.ctx = ctx;
        this.token = token;
        this.jsonOutput = jsonOutput;
    }

    public ApiResponse get(URI uri) {
        return send("GET", uri, null, null);
    }

    public ApiResponse send(String method, URI uri, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token)
                .header("User-Agent", "runway-cli");
        if (body != null) {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return exchange(ctx, request.build());
    }

    /** The 2xx answer's JSON; anything else ends the command with its exit code. */
    public JsonNode expectSuccess(ApiResponse response) {
        if (response.successful()) {
            return response.json();
        }
        throw rejection(response);
    }

    /** With --json the body goes to stdout as it came, so that a script can read the problem too. */
    public CliException rejection(ApiResponse response) {
        if (jsonOutput && response.body() != null && !response.body().isBlank()) {
            ctx.out().println(response.body().strip());
            ctx.out().flush();
        }
        int code = response.status() == 401 || response.status() == 403 ? ExitCodes.AUTH : ExitCodes.REJECTED;
        String hint = response.status() == 401
                ? "\n  (the token was refused: run `runway login`, or check RUNWAY_TOKEN)" : "";
        return new CliException(code, ProblemText.render(response) + hint);
    }

    /** Sends one request; shared with the OIDC client so both report an unreachable server the same way. */
    public static ApiResponse exchange(CliContext ctx, HttpRequest request) {
        try {
            HttpResponse<String> response = ctx.http().send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (IOException e) {
            // connection refused, unknown host, TLS failure, timeout: all mean "not reachable from here"
            throw unreachable(request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNREACHABLE, "interrupted while calling " + origin(request.uri()));
        }
    }

    private static CliException unreachable(URI uri, IOException e) {
        String reason = e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage()
                : e instanceof ConnectException ? "connection refused"
                : e instanceof HttpTimeoutException ? "timed out"
                : e.getClass().getSimpleName();
        return new CliException(ExitCodes.UNREACHABLE, "cannot reach " + origin(uri) + " (" + reason + ")");
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
