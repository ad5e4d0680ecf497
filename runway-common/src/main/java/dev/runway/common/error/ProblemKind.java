package dev.runway.common.error;

/** The kinds of problem Runway reports, each with its fixed status, type slug and title. */
public enum ProblemKind {
    INVALID_INPUT(400, "invalid-input", "Invalid input"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    NOT_PERMITTED(403, "not-permitted", "Not permitted"),
    NOT_FOUND(404, "not-found", "Not found"),
    CONFLICT(409, "conflict", "Conflict"),
    PRECONDITION_FAILED(412, "precondition-failed", "Precondition failed"),
    UNPROCESSABLE(422, "unprocessable", "Request cannot be processed"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    INTERNAL(500, "internal", "Internal error"),
    UPSTREAM_UNAVAILABLE(503, "upstream-unavailable", "Upstream unavailable");

    public final int status;
    public final String slug;
    public final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }
}
