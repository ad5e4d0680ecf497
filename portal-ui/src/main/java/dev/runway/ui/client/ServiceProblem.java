package dev.runway.ui.client;

import java.util.List;

import dev.runway.common.error.Problem;

/**
 * A service refused or failed a call made for the user: its problem+json, kept readable (title, detail and
 * the offending fields) so a page can show it in words next to what the user typed.
 */
public class ServiceProblem extends RuntimeException {
    private final String service;
    private final int status;
    private final String title;
    private final List<Problem.Violation> violations;

    public ServiceProblem(String service, int status, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.service = service;
        this.status = status;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static ServiceProblem unreachable(String service) {
        return new ServiceProblem(service, 503, "Service unavailable",
                "The " + service + " service is not reachable right now. Try again in a moment.", List.of());
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    /** The detail followed by each offending field and its message, for a page section that has no form field. */
    public String inWords() {
        if (violations.isEmpty()) {
            return detail();
        }
        StringBuilder words = new StringBuilder(detail() == null ? title : detail());
        for (Problem.Violation v : violations) {
            words.append(' ').append(v.field() == null || v.field().isBlank() ? "" : v.field() + ": ")
                    .append(v.message()).append('.');
        }
        return words.toString();
    }

    /** The message for one field, matching {@code name} or a JSON path ending in it, or null. */
    public String violationOf(String field) {
        for (Problem.Violation v : violations) {
            String f = v.field() == null ? "" : v.field();
            if (f.equals(field) || f.endsWith("." + field) || f.endsWith("/" + field)) {
                return v.message();
            }
        }
        return null;
    }
}
