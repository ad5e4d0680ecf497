package dev.runway.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.Test;

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

    protected static void assertUnauthenticated(ValidatableResponse response) {
        response.statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Authentication required"));
    }
}
