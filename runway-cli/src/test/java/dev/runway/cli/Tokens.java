package dev.runway.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Token-shaped strings for the test double to hand out; the CLI only reads their claims for display. */
final class Tokens {
    private Tokens() {
    }

    static String jwt(String username, String id) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"preferred_username\":\"" + username + "\",\"jti\":\"" + id + "\"}")
                        .getBytes(StandardCharsets.UTF_8))
                + ".signature-" + id;
    }

    static TestDouble.Response tokenResponse(String access, String refresh, int expiresIn, int refreshExpiresIn) {
        return TestDouble.Response.json(200, "{\"access_token\":\"" + access + "\",\"expires_in\":" + expiresIn
                + ",\"refresh_token\":\"" + refresh + "\",\"refresh_expires_in\":" + refreshExpiresIn
                + ",\"token_type\":\"Bearer\"}");
    }

    static TestDouble.Response oauthError(int status, String error, String description) {
        return TestDouble.Response.json(status, "{\"error\":\"" + error + "\",\"error_description\":\""
                + description + "\"}");
    }
}
