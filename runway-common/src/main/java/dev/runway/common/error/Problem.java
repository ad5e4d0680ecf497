package dev.runway.common.error;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every Runway error response.
 *
 * @param type       URI naming the kind of problem; stable, documented under {@link #TYPE_BASE}
 * @param title      short human summary of the kind of problem
 * @param status     the HTTP status code
 * @param detail     what went wrong in this occurrence, safe to show to the caller
 * @param instance   the request path
 * @param violations one entry per offending field, for input problems
 * @param errorId    correlates a 5xx with the server log, which holds the cause
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance,
        List<Violation> violations, String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://runway.dev/problems/";

    /** One offending field: a JSON path into the request ({@code $.spec.owner}) or a parameter name. */
    public record Violation(String field, String message) {
    }
}
