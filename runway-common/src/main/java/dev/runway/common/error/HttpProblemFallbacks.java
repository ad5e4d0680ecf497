package dev.runway.common.error;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Errors that happen before a request reaches JAX-RS (no route matches it at all, or the HTTP layer
 * rejects it) also answer problem+json, so a client never has to parse an HTML error page.
 */
@ApplicationScoped
public class HttpProblemFallbacks {

    void install(@Observes Router router) {
        long maxBodySize = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        // Quarkus refuses a declared Content-Length above the limit with an empty 413 of its own (at order
        // ROUTE_ORDER_UPLOAD_LIMIT): answer first, as problem+json, and close, since the body is not read.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && declaredAbove(length, maxBodySize)) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                ctx.response().endHandler(v -> ctx.request().connection().close());
                tooLarge(ctx, maxBodySize);
            } else {
                ctx.next();
            }
        });
        // PostgreSQL text cannot hold a NUL character, so a URI carrying one names nothing: refused here, once,
        // rather than failing as a database error in whichever lookup receives it.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> {
            if (holdsNul(ctx.request().uri())) {
                send(ctx, ProblemKind.INVALID_INPUT, "The request URI holds a NUL character.");
            } else {
                ctx.next();
            }
        });
        // A chunked body is only found too large while it is read: the body handler fails the request with 413.
        router.errorHandler(413, ctx -> tooLarge(ctx, maxBodySize));
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

    static boolean holdsNul(String uri) {
        return uri.indexOf('\0') >= 0 || uri.contains("%00");
    }

    private static boolean declaredAbove(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            // Vert.x answers a malformed Content-Length with 400 itself.
            return false;
        }
    }

    private static void tooLarge(RoutingContext ctx, long max) {
        if (!ctx.response().headWritten()) {
            write(ctx, ProblemResponses.problem(413, "payload-too-large", "Payload too large",
                    "The request body is larger than the " + max + " bytes this service accepts.",
                    ctx.normalizedPath(), List.of(), null));
        }
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
