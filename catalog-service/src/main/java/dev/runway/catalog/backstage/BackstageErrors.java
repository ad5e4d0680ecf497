package dev.runway.catalog.backstage;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Backstage's error body ({@code @backstage/errors} as its backend's error handler serialises it):
 * {@code {"error": {"name", "message"}, "request": {"method", "url"}, "response": {"statusCode"}}}. The
 * Backstage-compatible API answers its errors in this shape, because Backstage's clients read {@code error.name}.
 */
public final class BackstageErrors {
    private BackstageErrors() {
    }

    /** The error name Backstage gives a status. */
    public static String name(int status) {
        return switch (status) {
            case 400, 413, 415, 422 -> "InputError";
            case 401 -> "AuthenticationError";
            case 403 -> "NotAllowedError";
            case 404, 405 -> "NotFoundError";
            case 409, 412 -> "ConflictError";
            case 501 -> "NotImplementedError";
            case 503 -> "ServiceUnavailableError";
            default -> "Error";
        };
    }

    public static ObjectNode body(int status, String message, String method, String url) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("error").put("name", name(status)).put("message", message);
        body.putObject("request").put("method", method).put("url", url);
        body.putObject("response").put("statusCode", status);
        return body;
    }

    public static Response response(int status, String message, String method, String url) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(status, message, method, url).toString()).build();
    }
}
