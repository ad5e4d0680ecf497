package dev.runway.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * The contract every Runway API service keeps (foundation issue): real signed tokens are verified
 * (signature, issuer, audience, expiry, no {@code alg: none}), every error is problem+json, and health,
 * OpenAPI and metrics are served. A service's test extends this and names its authenticated endpoint.
 */
public abstract class PlatformContractTests {

    /** An endpoint any authenticated caller may GET. */
    protected abstract String authenticatedPath();

    @Test
    void validTokenIsAccepted() {
        given().auth().oauth2(TestTokens.user("alice", List.of("payments"), "developer"))
                .when().get(authenticatedPath())
                .then().statusCode(200);
    }

    @Test
    void missingTokenIsProblem401() {
        assertUnauthenticated(given().when().get(authenticatedPath()).then());
    }

    @Test
    void tokenFromAnotherIssuerIs401() {
        assertUnauthenticated(given().auth().oauth2(TestTokens.withIssuer("alice", "https://evil.example/realms/runway"))
                .when().get(authenticatedPath()).then());
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        assertUnauthenticated(given().auth().oauth2(TestTokens.withAudience("alice", "some-other-api"))
                .when().get(authenticatedPath()).then());
    }

    @Test
    void expiredTokenIs401() {
        assertUnauthenticated(given().auth().oauth2(TestTokens.expired("alice"))
                .when().get(authenticatedPath()).then());
    }

    @Test
    void unsignedTokenIs401() {
        assertUnauthenticated(given().auth().oauth2(TestTokens.unsigned("alice"))
                .when().get(authenticatedPath()).then());
    }

    @Test
    void garbageTokenIs401() {
        assertUnauthenticated(given().auth().oauth2("not-a-jwt").when().get(authenticatedPath()).then());
    }

    @Test
    void unknownRouteIsProblem404() {
        given().auth().oauth2(TestTokens.user("alice", List.of("payments"), "developer"))
                .when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
                .body("type", startsWith("https://runway.dev/problems/"));
        given().when().get("/definitely/not/here")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void readinessChecksTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections health check")))
                .body("checks.name", hasItem("oidc-provider"));
    }

    @Test
    void openApiAndMetricsAreServed() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("openapi", startsWith("3."));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    /**
     * OWASP API2 (broken authentication), over every operation the service documents under {@code /api/}: each
     * forged, misdirected or stale token is refused with a problem+json 401 before any handler runs.
     */
    @Test
    void everyDocumentedApiOperationRefusesEveryForgedToken() throws Exception {
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg none", TestTokens.unsigned("alice"));
        forged.put("HS256 keyed with the public key", TestTokens.hs256WithPublicKey("alice"));
        forged.put("wrong issuer", TestTokens.withIssuer("alice", "https://evil.example/realms/runway"));
        forged.put("wrong audience", TestTokens.withAudience("alice", "some-other-api"));
        forged.put("expired", TestTokens.expired("alice"));
        forged.put("not yet valid", TestTokens.notYetValid("alice"));
        forged.put("unknown key id", TestTokens.unknownKey("alice"));
        forged.put("tampered payload", TestTokens.tamperedPayload("alice"));
        forged.put("ID token (portal audience)", TestTokens.idToken("alice", "portal-ui"));
        forged.put("ID token (runway-api audience)", TestTokens.idToken("alice", TestTokens.AUDIENCE));

        JsonNode paths = new ObjectMapper().readTree(given().when().get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString()).path("paths");
        List<String> refused = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            // Any value reaches the security check: it runs before parameters are converted or bodies read.
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                Iterator<String> mediaTypes = op.getValue().path("requestBody").path("content").fieldNames();
                String contentType = mediaTypes.hasNext() ? mediaTypes.next() : null;
                for (Map.Entry<String, String> token : forged.entrySet()) {
                    var request = given().auth().oauth2(token.getValue());
                    if (contentType != null) {
                        request = request.contentType(contentType).body((contentType.contains("json") ? "{}" : "x")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    Response response = request.when().request(method, concrete);
                    String what = method + " " + path.getKey() + " with " + token.getKey() + " -> "
                            + response.statusCode();
                    if (response.statusCode() == 401
                            && response.contentType().startsWith("application/problem+json")) {
                        refused.add(what);
                    } else {
                        accepted.add(what);
                    }
                }
            }
        }
        assertEquals(List.of(), accepted, "forged tokens that got past authentication");
        assertTrue(refused.size() >= forged.size() * minimumDocumentedOperations(),
                "too few operations found in the OpenAPI document: " + refused.size() / forged.size());
    }

    /** A floor for the operations the service documents, so that an empty OpenAPI document cannot pass. */
    protected int minimumDocumentedOperations() {
        return 3;
    }

    protected static void assertUnauthenticated(ValidatableResponse response) {
        response.statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Authentication required"));
    }
}
