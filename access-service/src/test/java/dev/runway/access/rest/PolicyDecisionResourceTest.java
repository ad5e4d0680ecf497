package dev.runway.access.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.runway.common.policy.Actions;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = Callers.DATABASE))
class PolicyDecisionResourceTest {
    private static final String PATH = "/api/v1/decisions";
    private static final Map<String, Object> PAYMENTS_API = Map.of("id", "entity:component:default/payments-api",
            "owner", "payments");

    private static Map<String, Object> check(String action, Map<String, Object> resource) {
        return Map.of("action", action, "resource", resource);
    }

    @Test
    void theCallersOwnDecisionFromTheToken() {
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON)
                .body(check(Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API))
                .when().post(PATH).then().statusCode(200)
                .body("decision", equalTo("ALLOW"))
                .body("reason", equalTo("member of the owning team payments"))
                .body("matchedBinding", nullValue());
        given().auth().oauth2(Callers.carol()).contentType(ContentType.JSON)
                .body(check(Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API))
                .when().post(PATH).then().statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("reason", startsWith("no rule or role binding allows catalog.entity.write"));
    }

    @Test
    void everyDecisionIsAudited() {
        Map<String, Object> resource = Map.of("id", "entity:component:default/audited-api", "owner", "payments");
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON)
                .body(check(Actions.CATALOG_ENTITY_DELETE, resource)).when().post(PATH).then().statusCode(200);
        given().auth().oauth2(Callers.carol()).contentType(ContentType.JSON)
                .body(check(Actions.CATALOG_ENTITY_DELETE, resource)).when().post(PATH).then().statusCode(200);
        assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = 'decision:catalog.entity.delete' "
                + "AND resource = 'entity:component:default/audited-api' AND actor = 'alice' AND outcome = 'allow' "
                + "AND actor_teams = ARRAY['payments'] AND source_service = 'access-service'"));
        assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = 'decision:catalog.entity.delete' "
                + "AND resource = 'entity:component:default/audited-api' AND actor = 'carol' AND outcome = 'deny'"));
    }

    @Test
    void aServiceMayAskAboutAUserWithTheTeamsAndRolesFromItsToken() {
        Map<String, Object> body = Map.of(
                "subject", Map.of("name", "alice", "teams", List.of("payments"), "roles", List.of("developer")),
                "action", Actions.ENVIRONMENT_REQUEST,
                "resource", Map.of("id", "environment:payments-prod", "owner", "payments",
                        "attributes", Map.of("tier", "production")));
        given().auth().oauth2(TestTokens.service("provisioning-service")).contentType(ContentType.JSON).body(body)
                .when().post(PATH).then().statusCode(200)
                .body("decision", equalTo("ALLOW"))
                .body("reason", equalTo("member of the owning team payments; a production environment needs an approver"));
        assertEquals(1, Callers.count("SELECT count(*) FROM audit_record WHERE action = 'decision:provisioning.environment.request' "
                + "AND resource = 'environment:payments-prod' AND actor = 'alice' "
                + "AND details->>'askedBy' = 'service-account-provisioning-service'"));

        // A user cannot ask in someone else's name: the identity comes only from the token.
        given().auth().oauth2(Callers.carol()).contentType(ContentType.JSON).body(body)
                .when().post(PATH).then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403))
                .body("detail", startsWith("Only a caller holding the service role may ask about another subject"));
    }

    @Test
    void explicitBindingsAreMatchedAndNamed() {
        String id = given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(Map.of("subject", "team:search", "role", "maintainer", "scope", "entity:component:default/shared-lib"))
                .when().post("/api/v1/role-bindings").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Callers.carol()).contentType(ContentType.JSON)
                .body(check(Actions.CATALOG_ENTITY_DELETE, Map.of("id", "entity:component:default/shared-lib", "owner", "payments")))
                .when().post(PATH).then().statusCode(200)
                .body("decision", equalTo("ALLOW"))
                .body("reason", equalTo("role maintainer on entity:component:default/shared-lib"))
                .body("matchedBinding", startsWith(id + " team:search maintainer"));
    }

    /** Facts are read for every decision, never cached: a change decides the very next question. */
    @Test
    void aRevokedBindingNoLongerAllowsTheNextDecision() {
        String resource = "entity:component:default/revocable-" + System.nanoTime();
        Map<String, Object> check = check(Actions.CATALOG_ENTITY_DELETE, Map.of("id", resource, "owner", "payments"));
        String id = given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(Map.of("subject", "user:frank", "role", "maintainer", "scope", resource))
                .when().post("/api/v1/role-bindings").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Callers.frank()).contentType(ContentType.JSON).body(check)
                .when().post(PATH).then().statusCode(200)
                .body("decision", equalTo("ALLOW"))
                .body("matchedBinding", startsWith(id + " user:frank maintainer"));
        given().auth().oauth2(Callers.dave()).when().delete("/api/v1/role-bindings/" + id).then().statusCode(204);
        given().auth().oauth2(Callers.frank()).contentType(ContentType.JSON).body(check)
                .when().post(PATH).then().statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("matchedBinding", nullValue());
    }

    @Test
    void leadingATeamCountsFromTheNextDecisionAndStopsWithIt() {
        String team = "leads-" + System.nanoTime();
        String lead = TestTokens.user("gina", List.of("search"), "developer");
        Map<String, Object> check = check(Actions.ACCESS_REQUEST_APPROVE,
                Map.of("id", "access-request:" + team, "owner", team, "attributes", Map.of("requester", "alice")));
        given().auth().oauth2(lead).contentType(ContentType.JSON).body(check)
                .when().post(PATH).then().statusCode(200).body("decision", equalTo("DENY"));
        given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON).body(Map.of("username", "gina"))
                .when().post("/api/v1/teams/" + team + "/leads").then().statusCode(201);
        given().auth().oauth2(lead).contentType(ContentType.JSON).body(check)
                .when().post(PATH).then().statusCode(200)
                .body("decision", equalTo("ALLOW"))
                .body("reason", equalTo("lead of the owning team " + team));
        given().auth().oauth2(Callers.dave()).when().delete("/api/v1/teams/" + team + "/leads/gina").then().statusCode(204);
        given().auth().oauth2(lead).contentType(ContentType.JSON).body(check)
                .when().post(PATH).then().statusCode(200).body("decision", equalTo("DENY"));
    }

    @Test
    void theReachOfAnActionIsTheCallersTeamsAndBindingsOrEverything() {
        String read = PATH + "/reach?action=" + Actions.ENVIRONMENT_READ;
        String audited = "SELECT count(*) FROM audit_record WHERE action = 'decision:" + Actions.ENVIRONMENT_READ + "'";
        long decisionsBefore = Callers.count(audited);
        given().auth().oauth2(Callers.carol()).when().get(read).then().statusCode(200)
                .body("everything", equalTo(false))
                .body("teams", equalTo(List.of("search")))
                // (other tests may bind carol's team to things; only this test's binding matters here)
                .body("resources", not(hasItem("environment:reach-env")));
        String id = given().auth().oauth2(Callers.dave()).contentType(ContentType.JSON)
                .body(Map.of("subject", "user:carol", "role", "viewer", "scope", "environment:reach-env"))
                .when().post("/api/v1/role-bindings").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Callers.carol()).when().get(read).then().statusCode(200)
                .body("everything", equalTo(false))
                .body("teams", equalTo(List.of("search")))
                .body("resources", hasItem("environment:reach-env"));
        given().auth().oauth2(Callers.dave()).when().delete("/api/v1/role-bindings/" + id).then().statusCode(204);
        for (String token : List.of(Callers.dave(), Callers.erin())) {
            given().auth().oauth2(token).when().get(read).then().statusCode(200).body("everything", equalTo(true));
        }
        // It answers only about the caller's own bindings and decides nothing: no audit record.
        assertEquals(decisionsBefore, Callers.count(audited));

        given().auth().oauth2(Callers.carol()).when().get(PATH + "/reach").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("violations.field", hasItem("action"));
        given().auth().oauth2(Callers.carol()).when().get(PATH + "/reach?action=catalog.entity.nuke").then()
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", equalTo(List.of("action")));
        given().when().get(read).then().statusCode(401);
    }

    @Test
    void batchAnswersInOrder() {
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON)
                .body(Map.of("checks", List.of(
                        check(Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API),
                        check(Actions.CATALOG_ENTITY_WRITE, Map.of("id", "entity:component:default/search-api", "owner", "search")),
                        check(Actions.AUDIT_READ, Map.of("id", "audit")),
                        check(Actions.CATALOG_ENTITY_READ, Map.of("id", "entity:component:default/search-api", "owner", "search")))))
                .when().post(PATH + "/batch").then().statusCode(200)
                .body("decisions.decision", equalTo(List.of("ALLOW", "DENY", "DENY", "ALLOW")));
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON).body(Map.of("checks", List.of()))
                .when().post(PATH + "/batch").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", equalTo(List.of("checks")));
        given().contentType(ContentType.JSON).body(Map.of("checks", List.of(check(Actions.AUDIT_READ, Map.of("id", "audit")))))
                .when().post(PATH + "/batch").then().statusCode(401);
    }

    @Test
    void roleMatrixAndValidation() {
        for (String token : List.of(Callers.alice(), Callers.erin(), Callers.dave(), TestTokens.service("catalog-service"))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(check(Actions.AUDIT_READ, Map.of("id", "audit")))
                    .when().post(PATH).then().statusCode(200);
        }
        given().contentType(ContentType.JSON).body(check(Actions.AUDIT_READ, Map.of("id", "audit")))
                .when().post(PATH).then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON).body(Map.of("resource", Map.of("id", "Bad Id")))
                .when().post(PATH).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("violations.field", equalTo(List.of("action", "resource.id")));
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON).body(Map.of("action", "audit.read"))
                .when().post(PATH).then().statusCode(400).body("violations.field", hasItem("resource"));
        given().auth().oauth2(Callers.alice()).contentType(ContentType.JSON).body(check("audit.nuke", Map.of("id", "audit")))
                .when().post(PATH).then().statusCode(200)
                .body("decision", equalTo("DENY")).body("reason", equalTo("unknown action audit.nuke"));
    }
}
