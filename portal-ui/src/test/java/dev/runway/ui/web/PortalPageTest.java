package dev.runway.ui.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

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
    void homeShowsTheSignedInUserAndWhichServicesAnswer() {
        // No service runs in this test: each is reported as unreachable, in words, not as an error page.
        given().when().get("/home")
                .then().statusCode(200)
                .body(containsString("<strong id=\"username\">alice</strong>"))
                .body(containsString("developer"))
                .body(containsString("<strong>catalog</strong> is not reachable"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "developer")
    void unknownPageIsAReadablePage() {
        given().when().get("/no-such-page")
                .then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("Page not found"))
                .body(not(containsString("\"status\"")));
    }

    @Test
    void scriptsComeFromThePackagedHtmx() {
        given().when().get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "alice", roles = "developer")
    void homeExplainsEachSectionAServiceCouldNotFill() {
        given().when().get("/home")
                .then().statusCode(200)
                .body(containsString("The provisioning service is not reachable right now. Try again in a moment."))
                .body(containsString("The access service is not reachable right now."))
                .body(containsString("You are not in any team yet"))
                .body(not(containsString("Exception")));
    }

    @Test
    @TestSecurity(user = "alice", roles = "developer")
    void aPageThatNeedsAnUnreachableServiceIsAReadableErrorPage() {
        given().when().get("/environments/new")
                .then().statusCode(502)
                .contentType(containsString("text/html"))
                .body(containsString("The provisioning service is not reachable right now."))
                .body(not(containsString("ProcessingException")));
    }

    @Test
    @TestSecurity(user = "alice", roles = "developer")
    void environmentsListStillRendersWhenProvisioningIsDown() {
        given().when().get("/environments")
                .then().statusCode(200)
                .body(containsString("class=\"alert\">The provisioning service is not reachable"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "developer")
    void aFormPostWithoutCsrfTokenIsRejectedBeforeAnyServiceIsCalled() {
        given().formParam("ttl", "P1D").when().post("/environments/7f1c2a4e-1111-4c1e-9a55-0d7a3e5f0001/extend")
                .then().statusCode(400)
                .body(not(containsString("not reachable")));
    }
}
