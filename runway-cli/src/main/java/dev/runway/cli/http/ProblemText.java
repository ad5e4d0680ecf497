package dev.runway.cli.http;

import java.io.PrintWriter;
import java.io.StringWriter;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.cli.output.Json;
import dev.runway.cli.output.Table;

/**
 * Renders an error answer for a person: the problem+json title, status and detail, then one aligned line per
 * offending field. Bodies that are not problem+json (a proxy's HTML page) are shown as a short excerpt.
 */
public final class ProblemText {
    private static final int EXCERPT = 300;

    private ProblemText() {
    }

    public static String render(ApiResponse response) {
        JsonNode problem = response.json();
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        if (problem != null && problem.isObject() && (problem.has("title") || problem.has("detail"))) {
            String title = Json.text(problem, "title");
            out.print((title == null ? "error" : title) + " (HTTP " + response.status() + ")");
            String detail = Json.text(problem, "detail");
            if (detail != null) {
                out.print("\n  " + detail);
            }
            Table fields = new Table("field", "message");
            // runway-common names them "violations"; "errors" is the RFC 9457 examples' spelling
            for (String name : new String[] { "violations", "errors" }) {
                JsonNode list = problem.get(name);
                if (list != null && list.isArray()) {
                    for (JsonNode v : list) {
                        fields.row("  " + orDash(Json.text(v, "field")), Json.text(v, "message"));
                    }
                }
            }
            if (!fields.isEmpty()) {
                out.println();
                fields.print(out, false);
            }
            String errorId = Json.text(problem, "errorId");
            if (errorId != null) {
                out.print((fields.isEmpty() ? "\n" : "") + "  error id: " + errorId);
            }
        } else {
            out.print("HTTP " + response.status());
            String body = response.body() == null ? "" : response.body().strip().replaceAll("\\s+", " ");
            if (!body.isEmpty()) {
                out.print("\n  " + (body.length() > EXCERPT ? body.substring(0, EXCERPT) + "…" : body));
            }
        }
        out.flush();
        return text.toString().stripTrailing();
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
