package dev.runway.ui.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The insights page when catalog-service cannot be reached (the test profile points it at 127.0.0.1:1). */
@QuarkusTest
@TestSecurity(user = "alice", roles = "developer")
class InsightsPagesUnreachableTest {

    @Test
    void eachSectionSaysInWordsThatTheCatalogIsUnreachable() {
        given().get("/insights?team=payments&window=7d").then().statusCode(200)
                .body(containsString("<h1>Insights for payments</h1>"))
                .body(containsString("<section class=\"card\" aria-labelledby=\"dora-heading\" id=\"dora\">"))
                .body(containsString("<p class=\"alert\" role=\"alert\">The catalog service is not reachable right now."))
                .body(containsString("<option value=\"7d\" selected>"))
                .body(not(containsString("<svg")))
                .body(not(containsString("Exception")));
    }
}
