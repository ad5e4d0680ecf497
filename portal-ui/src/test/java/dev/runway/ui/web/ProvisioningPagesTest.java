package dev.runway.ui.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/** The request-an-environment journey against a test double of provisioning-service. */
@QuarkusTest
@QuarkusTestResource(value = ProvisioningDouble.class, restrictToAnnotatedClass = true)
@TestSecurity(user = "alice", roles = "developer")
class ProvisioningPagesTest {

    /** The CSRF cookie and the form's token from a page with a form, as a browser would hold them. */
    record Csrf(String cookie, String token) {
        static Csrf from(Response page) {
            Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page.asString());
            assertTrue(m.find(), "the page carries a CSRF token field");
            return new Csrf(page.getCookie("csrf-token"), m.group(1));
        }
    }

    private static Csrf csrf() {
        return Csrf.from(given().get("/environments/new?template=ephemeral").then().statusCode(200).extract().response());
    }

    @Test
    void theListShowsAPageOfEnvironmentsWithALinkToTheNext() {
        Response first = given().get("/environments").then().statusCode(200).extract().response();
        int rows = first.asString().split("href=\"/environments/7f1c2a4e-").length - 1;
        assertEquals(ProvisioningPages.PAGE_SIZE, rows, "one page of environments");
        assertTrue(first.asString().contains(">shop<"), "the newest first");
        Matcher more = Pattern.compile("href=\"([^\"]+)\" id=\"more-environments\"").matcher(first.asString());
        assertTrue(more.find(), "a link to the next page");
        assertTrue(ProvisioningDouble.PAGES_SERVED.contains("/api/v1/environments?limit=50"),
                "the first page asked for: " + ProvisioningDouble.PAGES_SERVED);

        String second = given().urlEncodingEnabled(false).get(more.group(1).replace("&amp;", "&")).then()
                .statusCode(200).extract().asString();
        assertEquals(ProvisioningDouble.OLDER + 1 - ProvisioningPages.PAGE_SIZE,
                second.split("href=\"/environments/7f1c2a4e-").length - 1, "the rest");
        assertTrue(second.contains(">older-" + ProvisioningDouble.OLDER + "<"), "down to the oldest");
        assertTrue(!second.contains("id=\"more-environments\""), "no link after the last page");
    }

    @Test
    void theFormIsGeneratedFromTheTemplateSchema() {
        given().get("/environments/new?template=ephemeral").then().statusCode(200)
                .body(containsString("name=\"p.cpuMillis\" type=\"number\" value=\"1000\" min=\"100\" max=\"2000\""))
                .body(containsString("<label for=\"param-memoryMiB\">Memory MiB</label>"))
                .body(containsString("CPU in millicores"))
                .body(containsString("name=\"ttl\" value=\"PT24H\""));
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRejected() {
        given().formParam("template", "ephemeral").formParam("name", "shop").formParam("team", "payments")
                .post("/environments/new").then().statusCode(400);
        Csrf csrf = csrf();
        given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", "forged" + csrf.token())
                .formParam("template", "ephemeral").formParam("name", "shop").formParam("team", "payments")
                .post("/environments/new").then().statusCode(400);
        assertTrue(ProvisioningDouble.RECEIVED.stream().noneMatch(r -> r.contains("forged")));
    }

    @Test
    void pollingTheProgressKeepsTheFormsOfThePageValid() {
        Response page = given().get("/environments/" + ProvisioningDouble.ENV_ID).then().statusCode(200).extract().response();
        Csrf csrf = Csrf.from(page);
        Response poll = given().cookie("csrf-token", csrf.cookie())
                .get("/environments/" + ProvisioningDouble.ENV_ID + "/progress").then().statusCode(200).extract().response();
        String rotated = poll.getCookie("csrf-token");
        assertTrue(rotated == null || rotated.equals(csrf.cookie()), "polling must not replace the CSRF cookie");
        given().redirects().follow(false).cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token())
                .formParam("template", "ephemeral").formParam("name", "shop").formParam("team", "payments")
                .post("/environments/new").then().statusCode(303);
    }

    @Test
    void anEngineWithoutAServerIsNotOffered() {
        given().get("/databases/new").then().statusCode(200)
                .body(containsString("href=\"/databases/new?engine=postgresql\""))
                .body(not(containsString("engine=mariadb")));
        // Asked for by its address, it gets the engine picker, not a form.
        given().get("/databases/new?engine=mariadb").then().statusCode(200)
                .body(containsString("Pick an engine."))
                .body(not(containsString("name=\"engine\" value=\"mariadb\"")));
        given().get("/databases/new?engine=postgresql").then().statusCode(200)
                .body(containsString("Engine <strong>postgresql</strong>"));
        // The templates list names it, unlinked, and says why.
        given().get("/environments").then().statusCode(200)
                .body(containsString("<a href=\"/databases/new?engine=postgresql\">postgresql</a>"))
                .body(not(containsString("href=\"/databases/new?engine=mariadb\"")))
                .body(containsString("mariadb (database) — MariaDB database <em>not available: no server is configured"));
        Csrf csrf = csrf();
        int before = ProvisioningDouble.RECEIVED.size();
        given().redirects().follow(false).cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token())
                .formParam("engine", "mariadb").formParam("name", "store").formParam("team", "payments")
                .formParam("environment", ProvisioningDouble.ENV_ID)
                .post("/databases/new").then().statusCode(303).header("Location", endsWith("/databases/new"));
        assertEquals(before, ProvisioningDouble.RECEIVED.size(), "nothing was sent to the service");
    }

    @Test
    void aValueOutsideTheSchemaIsShownNextToItsFieldWithoutCallingTheService() {
        Csrf csrf = csrf();
        int before = ProvisioningDouble.RECEIVED.size();
        given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token())
                .formParam("template", "ephemeral").formParam("name", "shop").formParam("team", "payments")
                .formParam("p.cpuMillis", "99999").formParam("p.memoryMiB", "lots")
                .post("/environments/new").then().statusCode(400)
                .body(containsString("Cpu millis must be at most 2000"))
                .body(containsString("Memory MiB must be a whole number"))
                .body(containsString("value=\"99999\""));
        assertTrue(ProvisioningDouble.RECEIVED.size() == before, "nothing was sent to the service");
    }

    @Test
    void theServicesViolationIsShownInline() {
        Csrf csrf = csrf();
        given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token())
                .formParam("template", "ephemeral").formParam("name", "taken").formParam("team", "payments")
                .post("/environments/new").then().statusCode(400)
                .body(containsString("The request has invalid fields."))
                .body(containsString("is already taken by another environment"))
                .body(not(containsString("\"violations\"")));
    }

    @Test
    void aValidRequestIsSentTypedAndLeadsToItsLiveProgressPage() {
        Csrf csrf = csrf();
        given().redirects().follow(false).cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token())
                .formParam("template", "ephemeral").formParam("name", "shop").formParam("team", "payments")
                .formParam("ttl", "PT48H").formParam("p.cpuMillis", "500").formParam("p.memoryMiB", "")
                .post("/environments/new").then().statusCode(303)
                .header("Location", endsWith("/environments/" + ProvisioningDouble.ENV_ID));
        assertTrue(ProvisioningDouble.RECEIVED.stream().anyMatch(r -> r.startsWith("POST /api/v1/environments ")
                && r.contains("\"parameters\":{\"cpuMillis\":500}") && r.contains("\"ttl\":\"PT48H\"")),
                "parameters typed as the schema says: " + ProvisioningDouble.RECEIVED);
    }

    @Test
    void progressPollsUntilAStateThatLastsAndShowsTheFailureReason() {
        ProvisioningDouble.state = "PROVISIONING";
        given().get("/environments/" + ProvisioningDouble.ENV_ID + "/progress").then().statusCode(200)
                .body(containsString("hx-trigger=\"every 2s\""))
                .body(containsString("PROVISIONING"));
        ProvisioningDouble.state = "FAILED";
        given().header("HX-Request", "true").get("/environments/" + ProvisioningDouble.ENV_ID + "/progress").then()
                .statusCode(200).header("HX-Refresh", "true");
        given().get("/environments/" + ProvisioningDouble.ENV_ID).then().statusCode(200)
                .body(not(containsString("hx-trigger")))
                .body(containsString("Failed: quota exceeded"))
                .body(containsString("/retry"));
        ProvisioningDouble.state = "PROVISIONING";
    }

    @Test
    void aRefusedExtensionIsShownInWordsOnTheEnvironmentPage() {
        Response page = given().get("/environments/" + ProvisioningDouble.ENV_ID).then().statusCode(200).extract().response();
        Csrf csrf = Csrf.from(page);
        given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token()).formParam("ttl", "P30D")
                .post("/environments/" + ProvisioningDouble.ENV_ID + "/extend").then().statusCode(400)
                .body(containsString("ttl must be at most P7D for template ephemeral"))
                .body(not(containsString("\"status\"")));
    }

    @Test
    void anApproverDecisionReachesTheRequestsApproveOrDenyEndpoint() {
        for (String decision : List.of("approve", "deny", "forged")) {
            Response page = given().get("/environments/" + ProvisioningDouble.ENV_ID).then().statusCode(200)
                    .extract().response();
            Csrf csrf = Csrf.from(page);
            int before = ProvisioningDouble.RECEIVED.size();
            given().redirects().follow(false).cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token())
                    .formParam("decision", decision).formParam("reason", "looked at it")
                    .post("/environments/" + ProvisioningDouble.ENV_ID + "/decide");
            String verdict = decision.equals("approve") ? "approve" : "deny";
            assertEquals("POST /api/v1/requests/" + ProvisioningDouble.ENV_ID + "/" + verdict
                    + " {\"reason\":\"looked at it\"}", ProvisioningDouble.RECEIVED.get(before));
        }
    }

    @Test
    void anUnknownEnvironmentIsAReadableNotFoundPage() {
        given().get("/environments/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("No such thing."));
    }

    /** Seen from a fixed now, the expiry reads in words and keeps the exact instant for hover and for machines. */
    @Test
    void timesReadRelativeToNowWithTheExactInstantOnHover() {
        fixNow("2029-12-31T01:00:00Z");
        given().get("/environments/" + ProvisioningDouble.ENV_ID).then().statusCode(200)
                .body(containsString("<dd id=\"expires\"><time datetime=\"2030-01-01T00:00:00Z\""
                        + " title=\"2030-01-01 00:00:00 UTC\">in 23 h</time></dd>"));
        given().get("/environments").then().statusCode(200)
                .body(containsString("<td><time datetime=\"2030-01-01T00:00:00Z\" title=\"2030-01-01 00:00:00 UTC\">"
                        + "in 23 h</time></td>"));
        fixNow("2026-01-01T10:05:00Z");
        given().get("/environments/" + ProvisioningDouble.ENV_ID + "/progress").then().statusCode(200)
                .body(containsString("<time datetime=\"2026-01-01T10:00:00Z\" title=\"2026-01-01 10:00:00 UTC\">"
                        + "5 min ago</time> · alice"))
                // 4 min 55 s ago: whole minutes, rounded down.
                .body(containsString("title=\"2026-01-01 10:00:05 UTC\">4 min ago</time> · reconciler"))
                // Years ahead, the expiry is a date, not a count of days.
                .body(not(containsString("days")));
        given().get("/environments/" + ProvisioningDouble.ENV_ID).then().statusCode(200)
                .body(containsString("title=\"2030-01-01 00:00:00 UTC\">2030-01-01</time></dd>"));
    }

    private static void fixNow(String now) {
        QuarkusMock.installMockForType(new RelativeTime(Clock.fixed(Instant.parse(now), ZoneOffset.UTC)),
                RelativeTime.class);
    }
}
