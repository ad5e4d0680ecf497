package dev.runway.ui.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
class PortalPageTest {

    @Test
    void landingIsPublicAndSendsSecurityHeaders() {
        given().when().get("/")
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("Sign in with single sign-on"));
    }

    @Test
    void homeNeedsASignedInUser() {
        given().redirects().follow(false).when().get("/home")
                .then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "alice", roles = "developer")
    void homeShowsTheSignedInUser() {
        given().when().get("/home")
                .then().statusCode(200)
                .body(containsString("<strong id=\"username\">alice</strong>"))
                .body(containsString("developer"));
    }
}
