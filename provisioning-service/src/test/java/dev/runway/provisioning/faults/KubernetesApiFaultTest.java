package dev.runway.provisioning.faults;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import dev.runway.provisioning.reconciler.Reconciler;
import dev.runway.provisioning.rest.Sql;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The Kubernetes API answers 503 or times out in the middle of provisioning and deprovisioning: the reconciler
 * records each failed attempt and backs off, and once the API heals it reaches READY (or DELETED) with every
 * object exactly once and as specified, the same as an environment provisioned without faults.
 */
@QuarkusTest
@WithTestResource(FaultyKubernetesApi.class)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class KubernetesApiFaultTest {
    /** Upper bound of reconcile rounds after the API healed; one round normally suffices per object. */
    private static final int ROUNDS = 12;

    @Inject
    Reconciler reconciler;

    @Test
    void unavailableApiMidProvisioningBacksOffThenCompletesWithNothingHalfApplied() {
        Env control = provisionWithoutFaults();
        Env env = request("flaky");
        // Let the namespace through, then refuse everything: the environment is half-applied at this point.
        FaultyKubernetesApi.inject(FaultyKubernetesApi.Fault.UNAVAILABLE, 2);
        reconciler.drive(env.id);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonPath v = env.view();
            assertEquals("PROVISIONING", v.getString("state"));
            assertEquals(i + 1, v.getInt("attempts"));
            assertTrue(v.getString("reason").contains("HTTP 503"), v.getString("reason"));
            waits.add(Duration.between(Instant.parse(v.getString("updatedAt")), Instant.parse(v.getString("nextAttemptAt"))));
            Sql.makeDue(env.id);
            reconciler.drive(env.id);
        }
        assertTrue(waits.get(0).compareTo(waits.get(1)) < 0 && waits.get(1).compareTo(waits.get(2)) < 0,
                "attempts are spaced further and further apart: " + waits);
        System.out.println("kubernetes 503: " + env.view().getInt("attempts") + " failed attempts, "
                + FaultyKubernetesApi.faulted() + " API requests refused so far, waits " + waits);

        FaultyKubernetesApi.heal();
        int rounds = driveUntil(env, "READY");
        System.out.println("kubernetes 503: READY " + rounds + " round(s) after the API healed");
        assertSameObjects(control, env);
    }

    @Test
    void apiTimeoutsAreRetriedLikeErrors() {
        Env control = provisionWithoutFaults();
        Env env = request("slow");
        FaultyKubernetesApi.inject(FaultyKubernetesApi.Fault.TIMEOUT, 1);
        reconciler.drive(env.id);
        JsonPath v = env.view();
        assertEquals("PROVISIONING", v.getString("state"));
        assertEquals(1, v.getInt("attempts"));
        assertTrue(v.getString("reason").contains("will retry"), v.getString("reason"));
        assertNotNull(v.getString("nextAttemptAt"));
        System.out.println("kubernetes timeout: reason '" + v.getString("reason") + "'");

        FaultyKubernetesApi.heal();
        int rounds = driveUntil(env, "READY");
        System.out.println("kubernetes timeout: READY " + rounds + " round(s) after the API healed");
        assertSameObjects(control, env);
    }

    @Test
    void deletionUnderFaultsEndsWithNothingLeft() {
        Env env = provisionWithoutFaults();
        given().auth().oauth2(env.token).when().delete("/api/v1/environments/" + env.id).then().statusCode(202);
        FaultyKubernetesApi.inject(FaultyKubernetesApi.Fault.UNAVAILABLE, 0);
        for (int i = 0; i < 3; i++) {
            Sql.makeDue(env.id);
            reconciler.drive(env.id);
        }
        JsonPath v = env.view();
        assertEquals("DEPROVISIONING", v.getString("state"));
        assertTrue(v.getInt("attempts") > 0);
        assertNotNull(FaultyKubernetesApi.direct().namespaces().withName(env.namespace).get(),
                "nothing can have been deleted while the API refused every request");

        FaultyKubernetesApi.heal();
        driveUntil(env, "DELETED");
        assertNull(FaultyKubernetesApi.direct().namespaces().withName(env.namespace).get());
    }

    private record Env(UUID id, String team, String namespace, String token) {
        JsonPath view() {
            return given().auth().oauth2(token).when().get("/api/v1/environments/" + id).then().statusCode(200)
                    .extract().jsonPath();
        }
    }

    private Env request(String name) {
        String team = "k" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.user("alice", List.of(team), "developer");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "team", team, "template", "development"))
                .when().post("/api/v1/environments").then().statusCode(202).extract().path("id");
        return new Env(UUID.fromString(id), team, team + "-" + name, token);
    }

    private Env provisionWithoutFaults() {
        FaultyKubernetesApi.heal();
        Env env = request("control");
        driveUntil(env, "READY");
        return env;
    }

    /** Reconciles as the scheduler would once each backoff has passed; returns how many rounds it took. */
    private int driveUntil(Env env, String state) {
        for (int round = 1; round <= ROUNDS; round++) {
            Sql.makeDue(env.id);
            reconciler.drive(env.id);
            if (state.equals(env.view().getString("state"))) {
                return round;
            }
        }
        fail(env.id + " did not reach " + state + " within " + ROUNDS + " rounds: " + env.view().prettyPrint());
        return ROUNDS;
    }

    /** Every object of the environment exists exactly once, specified as in the fault-free control environment. */
    private static void assertSameObjects(Env control, Env env) {
        NamespacedKubernetesClient k8s = FaultyKubernetesApi.direct();
        assertNotNull(k8s.namespaces().withName(env.namespace).get());
        assertEquals(objects(k8s, control), objects(k8s, env));
    }

    /** The environment's objects, one of each kind, as JSON with its team written TEAM so that two compare. */
    private static List<String> objects(NamespacedKubernetesClient k8s, Env env) {
        return List.of(
                spec(one(k8s.resourceQuotas().inNamespace(env.namespace).list().getItems())),
                spec(one(k8s.limitRanges().inNamespace(env.namespace).list().getItems())),
                spec(one(k8s.network().networkPolicies().inNamespace(env.namespace).list().getItems())),
                spec(one(k8s.rbac().roleBindings().inNamespace(env.namespace).list().getItems())))
                .stream().map(json -> json.replace(env.team, "TEAM")).toList();
    }

    private static <T extends HasMetadata> T one(List<T> items) {
        assertEquals(1, items.size(), () -> "expected exactly one object, found " + items);
        assertFalse(items.get(0).getMetadata().getName().isBlank());
        return items.get(0);
    }

    /** The object without its metadata (which holds server-assigned fields), as JSON. */
    private static String spec(HasMetadata object) {
        Object payload = object instanceof RoleBinding rb ? List.of(rb.getRoleRef(), rb.getSubjects())
                : Serialization.jsonMapper().convertValue(object, Map.class).get("spec");
        return object.getMetadata().getName() + " " + Serialization.asJson(payload);
    }
}
