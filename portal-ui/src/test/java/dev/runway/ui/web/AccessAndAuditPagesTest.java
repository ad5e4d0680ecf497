package dev.runway.ui.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/** Access and audit pages: the role matrix and what a person sees when access-service cannot be reached. */
@QuarkusTest
class AccessAndAuditPagesTest {

    @Test
    @TestSecurity(user = "alice", roles = "developer")
    void myAccessPageExplainsWhatIsMissingAndStillOffersTheForm() {
        given().get("/access").then().statusCode(200)
                .body(containsString("The access service is not reachable right now."))
                .body(containsString("<label for=\"justification\">Justification</label>"))
                .body(not(containsString("Role bindings and team leads")));
    }

    @Test
    @TestSecurity(user = "alice", roles = "developer")
    void aRequestThatCannotBeDeliveredKeepsTheJustification() {
        Response form = given().get("/access").then().extract().response();
        ProvisioningPagesTest.Csrf csrf = ProvisioningPagesTest.Csrf.from(form);
        given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token())
                .formParam("role", "maintainer").formParam("scope", "team:payments").formParam("duration", "PT8H")
                .formParam("justification", "Release night <3").post("/access/request").then().statusCode(502)
                .body(containsString("The access service is not reachable right now."))
                .body(containsString("Release night &lt;3</textarea>"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "developer")
    void decidingWithoutTheCsrfTokenIsRejected() {
        given().formParam("decision", "approve").post("/access/approvals/7f1c2a4e-1111-4c1e-9a55-0d7a3e5f0001")
                .then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "alice", roles = "developer")
    void adminPagesAreForPlatformAdminsOnly() {
        given().get("/access/admin").then().statusCode(403).body(containsString("Not allowed"));
    }

    @Test
    @TestSecurity(user = "dave", roles = "platform-admin")
    void adminPageShowsWhyItIsEmpty() {
        given().get("/access/admin").then().statusCode(200)
                .body(containsString("The access service is not reachable right now."));
    }

    @Test
    @TestSecurity(user = "alice", roles = "developer")
    void theAuditLogIsForAuditorsAndAdminsOnly() {
        given().get("/audit").then().statusCode(403);
        given().get("/audit/export.csv").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "erin", roles = "auditor")
    void auditPageAndExportSayTheLogIsUnreachable() {
        given().get("/audit?actor=alice&from=2026-01-31").then().statusCode(502)
                .body(containsString("The access service is not reachable right now."))
                .body(containsString("value=\"2026-01-31T00:00:00Z\""))
                .body(containsString("/audit/export.csv?actor=alice&amp;from=2026-01-31T00%3A00%3A00Z"));
        given().get("/audit/export.csv").then().statusCode(502).contentType(containsString("text/html"))
                .body(containsString("not reachable"));
    }

    @Test
    @TestSecurity(user = "erin", roles = "auditor")
    void verifyingNeedsTheCsrfTokenAndReportsAnUnreachableLog() {
        given().formParam("confirm", "yes").post("/audit/verify").then().statusCode(400);
        Response page = given().get("/audit").then().extract().response();
        ProvisioningPagesTest.Csrf csrf = ProvisioningPagesTest.Csrf.from(page);
        given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token()).formParam("confirm", "yes")
                .post("/audit/verify").then().statusCode(502)
                .body(containsString("The access service is not reachable right now."));
    }
}
