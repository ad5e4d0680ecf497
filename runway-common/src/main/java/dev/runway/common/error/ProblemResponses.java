package dev.runway.common.error;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds problem+json bodies. Shared by the JAX-RS exception mappers and the HTTP-layer fallbacks
 * (unknown routes, authentication failures) so that every error a Runway service sends looks the same.
 */
public final class ProblemResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RETRY_AFTER_SECONDS = "5";

    private ProblemResponses() {
    }

    public static Problem problem(ProblemKind kind, String detail, String path, List<Problem.Violation> violations) {
        return problem(kind.status, kind.slug, kind.title, detail, path, violations, null);
    }

    public static Problem problem(int status, String slug, String title, String detail, String path,
            List<Problem.Violation> violations, String errorId) {
        return new Problem(URI.create(Problem.TYPE_BASE + slug), title, status, detail, path,
                violations == null ? List.of() : violations, errorId);
    }

    public static Problem internal(String path) {
        String errorId = UUID.randomUUID().toString();
        return problem(ProblemKind.INTERNAL.status, ProblemKind.INTERNAL.slug, ProblemKind.INTERNAL.title,
                "The server could not complete the request. Quote error id " + errorId + " when reporting it.",
                path, List.of(), errorId);
    }

    /** Serialises by hand so the exact body does not depend on which JSON writer the content type picks. */
    public static String json(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("problem is always serialisable", e);
        }
    }

    public static Response response(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(json(problem));
        if (problem.status() == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"runway\"");
        }
        if (problem.status() == 503) {
            // Every 503 Runway sends is a dependency that is briefly away: tell clients when to try again.
            builder.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return builder.build();
    }
}
