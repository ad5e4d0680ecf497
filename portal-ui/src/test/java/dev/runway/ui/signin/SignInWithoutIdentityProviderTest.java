package dev.runway.ui.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The portal with its identity provider unreachable, first from startup (its URL is a closed loopback port), then
 * after it was up and a user signed in. Whoever is not signed in gets a Runway page saying sign-in is unavailable
 * (503, Retry-After), never a bare 500 or a redirect into a connection error; a signed-in user keeps working; once
 * the provider answers again, sign-in works again without a restart of the portal.
 */
@QuarkusTest
@WithTestResource(StoppableIdentityProvider.class)
class SignInWithoutIdentityProviderTest {
    private static final Pattern STATE = Pattern.compile("[?&]state=([^&]+)");

    @Test
    void signInIsExplainedWhileTheProviderIsAwayAndWorksAgainOnceItIsBack() throws Exception {
        // Down since the portal started: quarkus-oidc could not set itself up.
        given().when().get("/").then().statusCode(200).body(containsString("Sign in with single sign-on"));
        assertSignInUnavailable("/home");
        assertSignInUnavailable("/catalog");
        given().when().get("/q/health/live").then().statusCode(200);

        StoppableIdentityProvider.startServer();
        Response challenge = signInRedirect("/home");
        Map<String, String> session = signIn(challenge);
        given().cookies(session).redirects().follow(false).when().get("/home")
                .then().statusCode(200).body(containsString("<strong id=\"username\">alice</strong>"));

        // Gone after the portal had set itself up: the redirect to it would be built from what was fetched before.
        StoppableIdentityProvider.stopServer();
        assertSignInUnavailable("/home");
        given().cookies(session).redirects().follow(false).when().get("/home")
                .then().statusCode(200).body(containsString("<strong id=\"username\">alice</strong>"));

        StoppableIdentityProvider.startServer();
        signInRedirect("/environments");
    }

    private static void assertSignInUnavailable(String path) {
        given().redirects().follow(false).accept("text/html").when().get(path)
                .then().statusCode(503)
                .contentType(startsWith("text/html"))
                .header("Retry-After", SignInUnavailablePage.RETRY_AFTER_SECONDS)
                .header("Location", (String) null)
                .body(containsString("Sign-in is unavailable right now"))
                .body(containsString("Runway cannot reach its identity provider"))
                .body(not(containsString("Exception")))
                .body(not(containsString("127.0.0.1")));
    }

    private static Response signInRedirect(String path) {
        Response challenge = given().redirects().follow(false).accept("text/html").when().get(path);
        challenge.then().statusCode(302)
                .header("Location", startsWith(StoppableIdentityProvider.issuer() + "/protocol/openid-connect/auth?"));
        return challenge;
    }

    /** What the browser does after the provider's login page: back to the portal with a code and the state. */
    private static Map<String, String> signIn(Response challenge) {
        Matcher state = STATE.matcher(challenge.header("Location"));
        assertTrue(state.find(), challenge.header("Location"));
        Response callback = given().cookies(challenge.cookies()).redirects().follow(false)
                .queryParam("code", "drill-code").urlEncodingEnabled(false).queryParam("state", state.group(1))
                .when().get("/home");
        // Signed in: back to the page asked for, without the code in the address.
        callback.then().statusCode(302).header("Location", endsWith("/home"));
        assertFalse(callback.cookies().isEmpty(), "the sign-in set a session cookie");
        return callback.cookies();
    }
}
