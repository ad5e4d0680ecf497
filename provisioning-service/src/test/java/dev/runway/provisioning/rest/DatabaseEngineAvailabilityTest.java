package dev.runway.provisioning.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import dev.runway.provisioning.driver.TargetPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * An engine is offered only where a server of it is configured. Here only PostgreSQL has one (the target server of
 * {@link TargetPostgresResource}); nothing configures MariaDB or Redis, as on a fresh machine.
 */
@QuarkusTest
@QuarkusTestResource(TargetPostgresResource.class)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class DatabaseEngineAvailabilityTest {

    @Test
    void templatesSayWhichEnginesHaveAServer() {
        given().auth().oauth2(Tokens.ALICE).when().get("/api/v1/templates").then().statusCode(200)
                .body("find { it.id == 'postgresql' }.available", equalTo(true))
                .body("find { it.id == 'mariadb' }.available", equalTo(false))
                .body("find { it.id == 'redis' }.available", equalTo(false))
                .body("findAll { it.kind == 'environment' }.available", everyItem(equalTo(true)));
        given().auth().oauth2(Tokens.ALICE).when().get("/api/v1/templates/mariadb").then().statusCode(200)
                .body("available", equalTo(false));
        given().auth().oauth2(Tokens.ALICE).when().get("/api/v1/templates/postgresql").then().statusCode(200)
                .body("available", equalTo(true));
    }

    @Test
    void anEngineWithoutAServerIsRefusedBeforeAnythingIsStored() {
        String team = "a" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.user("alice", List.of(team), "developer");
        String env = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "env", "team", team, "template", "development"))
                .when().post("/api/v1/environments").then().statusCode(202).extract().path("id");
        for (String engine : List.of("mariadb", "redis")) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("name", "store", "team", team, "engine", engine, "environment", env))
                    .when().post("/api/v1/databases").then().statusCode(422)
                    .contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(422))
                    .body("detail", equalTo("no " + engine + " server is configured for this platform"))
                    .body("violations.field", contains("$.engine"));
        }
        // The same request for an engine with a server is accepted: the engine was the only reason.
        String accepted = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "store", "team", team, "engine", "postgresql", "environment", env))
                .when().post("/api/v1/databases").then().statusCode(202).extract().path("id");
        given().auth().oauth2(token).when().get("/api/v1/databases").then().statusCode(200)
                .body("items.findAll { it.team == '" + team + "' }.id", contains(accepted));
    }
}
