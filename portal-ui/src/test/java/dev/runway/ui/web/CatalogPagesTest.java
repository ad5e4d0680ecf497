package dev.runway.ui.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/** Catalog pages when catalog-service cannot be reached (the test profile points it at 127.0.0.1:1). */
@QuarkusTest
@TestSecurity(user = "alice", roles = "developer")
class CatalogPagesTest {

    @Test
    void searchExplainsThatTheCatalogIsUnreachable() {
        given().get("/catalog?q=shop&kind=Component").then().statusCode(200)
                .body(containsString("The catalog service is not reachable right now."))
                .body(containsString("value=\"shop\""))
                .body(not(containsString("Exception")));
    }

    @Test
    void anEntityPageNeedsTheCatalogAndSaysSoInWords() {
        given().get("/catalog/component/default/shop").then().statusCode(502)
                .contentType(containsString("text/html"))
                .body(containsString("The catalog service is not reachable right now."));
    }

    @Test
    void registeringWithoutTheCsrfTokenIsRejected() {
        given().formParam("action", "register").formParam("name", "shop").formParam("owner", "payments")
                .post("/catalog/register").then().statusCode(400)
                .body(not(containsString("not reachable")));
    }

    @Test
    void aDryRunWhileTheCatalogIsDownKeepsWhatWasTyped() {
        Response form = given().get("/catalog/register").then().statusCode(200).extract().response();
        ProvisioningPagesTest.Csrf csrf = ProvisioningPagesTest.Csrf.from(form);
        given().cookie("csrf-token", csrf.cookie()).formParam("csrf-token", csrf.token())
                .formParam("action", "check").formParam("name", "shop").formParam("title", "Shop <b>")
                .formParam("type", "service").formParam("lifecycle", "production").formParam("owner", "payments")
                .post("/catalog/register").then().statusCode(502)
                .body(containsString("The catalog service is not reachable right now."))
                .body(containsString("value=\"Shop &lt;b&gt;\""));
    }

    @Test
    void aYamlPostWithoutAnythingToCheckSaysWhatToDo() {
        Response form = given().get("/catalog/register?mode=yaml").then().statusCode(200).extract().response();
        ProvisioningPagesTest.Csrf csrf = ProvisioningPagesTest.Csrf.from(form);
        given().cookie("csrf-token", csrf.cookie()).multiPart("csrf-token", csrf.token()).multiPart("action", "check")
                .multiPart("yaml", "").post("/catalog/register/yaml").then().statusCode(400)
                .body(containsString("paste a catalog-info.yaml or choose a file"));
    }
}
