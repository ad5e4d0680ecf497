package dev.runway.common.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every kind of failure a client can provoke comes back as problem+json, and no internals leak. */
@QuarkusTest
class ProblemContractTest {

    @Test
    void validBodyPasses() {
        given().contentType("application/json").body("{\"name\":\"a\",\"count\":1,\"tags\":[\"x\"]}")
                .when().post("/probe/items")
                .then().statusCode(201);
    }

    @Test
    void beanValidationNamesEachField() {
        problem(given().contentType("application/json").body("{\"name\":\" \",\"count\":0,\"tags\":[\"ok\",\"\"]}")
                .when().post("/probe/items").then(), 400)
                .body("type", equalTo("https://runway.dev/problems/invalid-input"))
                .body("violations.field", contains("count", "name", "tags[1]"));
    }

    @Test
    void invalidQueryParameterIsNamed() {
        problem(given().when().get("/probe/items?limit=0").then(), 400)
                .body("violations.field", contains("limit"));
    }

    @Test
    void nonNumericQueryParameterIs400NamingIt() {
        problem(given().when().get("/probe/items?limit=ten").then(), 400)
                .body("type", equalTo("https://runway.dev/problems/invalid-input"))
                .body("violations.field", contains("limit"))
                .body("violations[0].message", equalTo("must be an integer"));
    }

    @Test
    void malformedJsonIs400WithoutParserInternals() {
        problem(given().contentType("application/json").body("{\"name\": ")
                .when().post("/probe/items").then(), 400)
                .body("detail", not(containsString("com.fasterxml")))
                .body("violations[0].field", equalTo("$"));
    }

    @Test
    void mistypedFieldIsNamed() {
        problem(given().contentType("application/json").body("{\"name\":\"a\",\"count\":\"many\"}")
                .when().post("/probe/items").then(), 400)
                .body("violations[0].field", equalTo("$.count"))
                .body("detail", not(containsString("Integer")));
    }

    @Test
    void missingBodyIs400() {
        problem(given().contentType("application/json").when().post("/probe/items").then(), 400);
    }

    @Test
    void wrongMethodIs405() {
        problem(given().when().delete("/probe/items").then(), 405);
    }

    @Test
    void unsupportedMediaTypeIs415() {
        problem(given().contentType("text/plain").body("hello").when().post("/probe/items").then(), 415);
    }

    @Test
    void unknownRouteIs404() {
        problem(given().when().get("/probe/nothing-here").then(), 404);
    }

    @Test
    void taxonomyExceptionKeepsItsStatusAndMessage() {
        problem(given().when().get("/probe/conflict").then(), 409)
                .body("type", equalTo("https://runway.dev/problems/conflict"))
                .body("detail", equalTo("An entity named payments-api already exists."));
    }

    @Test
    void unexpectedErrorHidesItsCause() {
        problem(given().when().get("/probe/boom").then(), 500)
                .body("errorId", notNullValue())
                .body(not(containsString("jdbc")))
                .body(not(containsString("IllegalStateException")));
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("title", notNullValue());
    }
}
