package dev.runway.common.error;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Errors that happen before a request reaches JAX-RS (no route matches it at all, or the HTTP layer
 * rejects it) also answer problem+json, so a client never has to parse an HTML error page.
 */
@ApplicationScoped
public class HttpProblemFallbacks {

    void install(@Observes Router router) {
        router.route().last().handler(ctx -> send(ctx, ProblemKind.NOT_FOUND, "No resource at this path."));
        router.errorHandler(401, ctx -> send(ctx, ProblemKind.UNAUTHENTICATED, "A valid bearer token is required."));
        router.errorHandler(403, ctx -> send(ctx, ProblemKind.NOT_PERMITTED, "Your roles do not allow this action."));
        router.errorHandler(404, ctx -> send(ctx, ProblemKind.NOT_FOUND, "No resource at this path."));
        router.errorHandler(500, ctx -> {
            if (!ctx.response().headWritten()) {
                Problem problem = ProblemResponses.internal(ctx.normalizedPath());
                org.jboss.logging.Logger.getLogger(HttpProblemFallbacks.class)
                        .errorf(ctx.failure(), "Unexpected error %s on %s", problem.errorId(), ctx.normalizedPath());
                write(ctx, problem);
            }
        });
    }

    private static void send(RoutingContext ctx, ProblemKind kind, String detail) {
        if (!ctx.response().headWritten()) {
            write(ctx, ProblemResponses.problem(kind, detail, ctx.normalizedPath(), List.of()));
        }
    }

    private static void write(RoutingContext ctx, Problem problem) {
        var response = ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"runway\"");
        }
        response.end(ProblemResponses.json(problem));
    }
}
