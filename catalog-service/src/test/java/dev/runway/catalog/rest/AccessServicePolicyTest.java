package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.ALICE;
import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.component;
import static dev.runway.catalog.rest.CatalogTestSupport.query;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.ConnectException;
import java.util.List;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.runway.catalog.testing.AccessServiceDouble;
import dev.runway.common.policy.Actions;
import dev.runway.common.policy.Decision;
import dev.runway.common.policy.DecisionRequest;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Writes are decided by access-service: what catalog asks, and what it does with ALLOW, DENY and no answer. */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class AccessServicePolicyTest {

    @BeforeEach
    @AfterEach
    void reset() {
        AccessServiceDouble.reset();
    }

    private static String path(String name) {
        return "/api/v1/entities/component/default/" + name;
    }

    private static long rows(String name) {
        return Long.parseLong(query("SELECT count(*) FROM entity WHERE ref = 'component:default/" + name + "'")
                .get(0).get(0));
    }

    @Test
    void allowWritesAndAsksWithTheCallersOwnToken() {
        String name = unique("allowed");
        yaml(ALICE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201);

        List<AccessServiceDouble.Asked> asked = AccessServiceDouble.asked();
        assertEquals(1, asked.size());
        assertEquals("Bearer " + ALICE, asked.get(0).authorization());
        DecisionRequest request = asked.get(0).request();
        assertNull(request.subject());
        assertEquals(Actions.CATALOG_ENTITY_WRITE, request.action());
        assertEquals("entity:component:default/" + name, request.resource().id());
        assertEquals("payments", request.resource().owner());
        as(ALICE).get(path(name)).then().statusCode(200);
    }

    @Test
    void denyIs403WithAccessServicesReasonAndIsAuditedAsDeny() {
        String name = unique("denied");
        AccessServiceDouble.answerWith(r -> Decision.deny("catalog writes are frozen by the change board"));
        yaml(ALICE, component(name, "payments")).post("/api/v1/entities").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(403))
                .body("detail", containsString("catalog writes are frozen by the change board"));
        assertEquals(0, rows(name));
        assertEquals(List.of(List.of("catalog.entity.create", "deny", "alice")), query(
                "SELECT action, outcome, actor FROM audit_outbox WHERE resource = 'component:default/" + name + "'"));
    }

    @Test
    void unreachableAccessServiceIs503AndNothingIsWritten() {
        String name = unique("unreachable");
        AccessServiceDouble.failWith(new ProcessingException(new ConnectException("Connection refused")));
        yaml(DAVE, component(name, "payments")).post("/api/v1/entities").then().statusCode(503)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(503));
        assertEquals(0, rows(name));
        assertEquals(0, Long.parseLong(query("SELECT count(*) FROM entity_history WHERE ref = 'component:default/"
                + name + "'").get(0).get(0)));
        assertEquals(List.of(), query("SELECT outcome FROM audit_outbox WHERE resource = 'component:default/" + name + "'"));
    }

    @Test
    void anErrorFromAccessServiceIs503AndAnImportWritesNothing() {
        String name = unique("erring");
        AccessServiceDouble.failWith(new WebApplicationException(500));
        yaml(DAVE, component(name, "payments")).post("/api/v1/entities/import").then().statusCode(503)
                .contentType(startsWith("application/problem+json"));
        assertEquals(0, rows(name));
    }

    @Test
    void aServiceAccountWritesWhereAccessServiceAllowsIt() {
        // access-service allows a service account only through a role binding (e.g. developer on global).
        String service = TestTokens.service("provisioning-service");
        String name = unique("bound");
        AccessServiceDouble.answerWith(r -> Decision.allow("role developer on global",
                "b1 user:service-account-provisioning-service developer on global"));
        yaml(service, component(name, "payments")).post("/api/v1/entities").then().statusCode(201);
        assertEquals("Bearer " + service, AccessServiceDouble.asked().get(0).authorization());
        assertEquals(1, rows(name));
    }

    @Test
    void changingTheOwnerAsksAboutTheCurrentAndTheNewOwningTeam() {
        String name = unique("moved");
        String etag = yaml(ALICE, component(name, "payments")).post("/api/v1/entities").header("ETag");
        AccessServiceDouble.reset();
        yaml(ALICE, component(name, "search")).header("If-Match", etag).put(path(name)).then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("no rule or role binding allows catalog.entity.write"));
        assertEquals(List.of("payments", "search"),
                AccessServiceDouble.asked().stream().map(a -> a.request().resource().owner()).toList());
    }

    @Test
    void deleteAsksForTheDeleteActionOnTheCurrentOwner() {
        String name = unique("gone");
        yaml(ALICE, component(name, "payments")).post("/api/v1/entities").then().statusCode(201);
        AccessServiceDouble.reset();
        as(ALICE).delete(path(name)).then().statusCode(204);
        List<AccessServiceDouble.Asked> asked = AccessServiceDouble.asked();
        assertEquals(1, asked.size());
        assertEquals(Actions.CATALOG_ENTITY_DELETE, asked.get(0).request().action());
        assertEquals("payments", asked.get(0).request().resource().owner());
    }

    @Test
    void anImportAsksAboutEveryDocumentAndIsAllOrNothing() {
        String mine = unique("mine");
        String theirs = unique("theirs");
        yaml(ALICE, component(mine, "payments") + "---\n" + component(theirs, "search"))
                .post("/api/v1/entities/import").then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("$[1]"));
        assertEquals(List.of("entity:component:default/" + mine, "entity:component:default/" + theirs),
                AccessServiceDouble.asked().stream().map(a -> a.request().resource().id()).toList());
        assertEquals(0, rows(mine));
    }
}
