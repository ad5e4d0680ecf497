package dev.runway.provisioning.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class TemplateResourceTest {

    @Test
    void listsTheShippedTemplates() {
        given().auth().oauth2(Tokens.ALICE).when().get("/api/v1/templates").then().statusCode(200)
                .body("id", hasItems("ephemeral", "development", "staging", "production", "postgresql", "mariadb",
                        "redis"))
                .body("find { it.id == 'ephemeral' }.kind", equalTo("environment"))
                .body("find { it.id == 'ephemeral' }.ttl.defaultTtl", equalTo("PT24H"))
                .body("find { it.id == 'ephemeral' }.ttl.max", equalTo("PT168H"))
                .body("find { it.id == 'production' }.approvalRequired", equalTo(true))
                .body("find { it.id == 'production' }.ttl", nullValue())
                .body("find { it.id == 'postgresql' }.kind", equalTo("database"))
                .body("find { it.id == 'postgresql' }.plans.medium.connectionLimit", equalTo(100))
                .body("find { it.id == 'postgresql' }.defaults.plan", equalTo("small"));
    }

    @Test
    void oneTemplateWithSchemaAndDefaults() {
        given().auth().oauth2(Tokens.ERIN).when().get("/api/v1/templates/ephemeral").then().statusCode(200)
                .body("version", equalTo("1.0.0"))
                .body("parameters.properties.cpuMillis.maximum", equalTo(2000))
                .body("defaults.cpuMillis", equalTo(1000));
    }

    @Test
    void unknownTemplateIsProblem404() {
        given().auth().oauth2(Tokens.ALICE).when().get("/api/v1/templates/nope").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(404));
    }

    @Test
    void roleMatrix() {
        given().when().get("/api/v1/templates").then().statusCode(401);
        given().auth().oauth2(Tokens.SERVICE).when().get("/api/v1/templates").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.DAVE).when().get("/api/v1/templates").then().statusCode(200);
    }
}
