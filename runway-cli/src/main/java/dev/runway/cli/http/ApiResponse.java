package dev.runway.cli.http;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.cli.output.Json;

/** A service's answer as received: status, content type and body text. */
public record ApiResponse(int status, String contentType, String body) {

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON, or null when it is not JSON. */
    public JsonNode json() {
        return Json.parseOrNull(body);
    }
}
