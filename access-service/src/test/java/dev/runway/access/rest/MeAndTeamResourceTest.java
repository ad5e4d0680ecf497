package dev.runway.access.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.access.testing.DemoTeamLeads;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = Callers.DATABASE))
class MeAndTeamResourceTest {

    /** The demo's team leads come from the demo's seeding, not from a migration: these tests seed them. */
    @BeforeEach
    void demoTeamLeads() {
        DemoTeamLeads.seed();
    }

    @Test
    void meShowsTheTokensIdentityTeamsAndRoles() {
        given().auth().oauth2(Callers.alice()).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("username", equalTo("alice"))
                .body("displayName", equalTo("Alice"))
                .body("teams", equalTo(List.of("payments")))
                .body("roles", hasItem("developer"))
                .body("grants", equalTo(List.of()));
        given().when().get("/api/v1/me").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(401));
    }

    @Test
    void teamsListMembersSeenLeadsAndBindings() {
        given().auth().oauth2(Callers.alice()).when().get("/api/v1/me").then().statusCode(200);
        given().auth().oauth2(Callers.carol()).when().get("/api/v1/teams")
                .then().statusCode(200)
                .body("find { it.name == 'payments' }.leads", equalTo(List.of("bob")))
                .body("find { it.name == 'search' }.leads", hasItem("frank"));
        given().auth().oauth2(Callers.carol()).when().get("/api/v1/teams/payments")
                .then().statusCode(200)
                .body("name", equalTo("payments"))
                .body("members.username", hasItem("alice"))
                .body("members.find { it.username == 'alice' }.displayName", equalTo("Alice"))
                .body("leads", equalTo(List.of("bob")));
        given().when().get("/api/v1/teams").then().statusCode(401);
        given().when().get("/api/v1/teams/payments").then().statusCode(401);
    }

    @Test
    void teamDetailShowsItsRoleBindings() {
        String id = given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(Map.of("subject", "team:billing", "role", "viewer", "scope", "team:payments"))
                .when().post("/api/v1/role-bindings").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Callers.alice()).when().get("/api/v1/teams/billing")
                .then().statusCode(200).body("roleBindings.id", hasItem(id)).body("members", equalTo(List.of()));
        given().auth().oauth2(Callers.alice()).when().get("/api/v1/teams/payments")
                .then().statusCode(200).body("roleBindings.id", hasItem(id));
    }

    @Test
    void unknownTeamIs404AndBadNameIs400() {
        given().auth().oauth2(Callers.alice()).when().get("/api/v1/teams/nobody-here")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404)).body("detail", startsWith("No team nobody-here"));
        given().auth().oauth2(Callers.alice()).when().get("/api/v1/teams/Bad Name!")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("name"));
    }

    @Test
    void platformAdminsManageLeads() {
        String path = "/api/v1/teams/search/leads";
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(Map.of("username", "carol"))
                .when().post(path).then().statusCode(201)
                .header("Location", endsWith("/api/v1/teams/search/leads/carol"))
                .body("team", equalTo("search")).body("username", equalTo("carol")).body("createdBy", equalTo("dave"));
        given().auth().oauth2(Callers.alice()).when().get("/api/v1/teams/search")
                .then().statusCode(200).body("leads", equalTo(List.of("carol", "frank")));
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(Map.of("username", "carol"))
                .when().post(path).then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Conflict"));
        assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = 'team.lead.add' "
                + "AND resource = 'team:search' AND actor = 'dave' AND details->>'lead' = 'carol'"));

        given().auth().oauth2(Callers.dave()).when().delete(path + "/carol").then().statusCode(204);
        given().auth().oauth2(Callers.dave()).when().delete(path + "/carol").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Callers.alice()).when().get("/api/v1/teams/search")
                .then().statusCode(200).body("leads", not(hasItems("carol")));
    }

    @Test
    void leadManagementRoleMatrixAndValidation() {
        String path = "/api/v1/teams/search/leads";
        for (String token : List.of(Callers.alice(), Callers.frank(), Callers.erin(), TestTokens.service("catalog-service"))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("username", "carol"))
                    .when().post(path).then().statusCode(403).contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(403));
            given().auth().oauth2(token).when().delete(path + "/frank").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(Map.of("username", "carol")).when().post(path).then().statusCode(401);
        given().when().delete(path + "/frank").then().statusCode(401);
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(Map.of("username", "Not Valid"))
                .when().post(path).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", equalTo(List.of("username")));
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body("{}")
                .when().post(path).then().statusCode(400).body("violations.field", equalTo(List.of("username")));
    }
}
