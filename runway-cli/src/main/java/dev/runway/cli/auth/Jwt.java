package dev.runway.cli.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.cli.output.Json;

/**
 * Reads claims of a token for display only (who is logged in, until when). The signature is not checked
 * here on purpose: the services check it, and nothing in the client trusts these values for a decision.
 */
public final class Jwt {
    private Jwt() {
    }

    public static String claim(String token, String name) {
        JsonNode claims = claims(token);
        return Json.text(claims, name);
    }

    static JsonNode claims(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            return Json.parseOrNull(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
