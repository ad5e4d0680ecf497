package dev.runway.provisioning.reconciler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import dev.runway.provisioning.kubernetes.Fabric8ClusterGateway;
import dev.runway.provisioning.rest.Sql;
import dev.runway.provisioning.service.TtlReaper;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class EnvironmentReconcilerTest {
    @Inject
    Reconciler reconciler;
    @Inject
    TtlReaper reaper;
    @Inject
    KubernetesClient client;

    static String team() {
        return "k" + UUID.randomUUID().toString().substring(0, 8);
    }

    static UUID request(String team, String name, String template) {
        String id = given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .contentType(ContentType.JSON).body(Map.of("name", name, "team", team, "template", template))
                .when().post("/api/v1/environments").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }

    static String state(String team, UUID id) {
        return given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .when().get("/api/v1/environments/" + id).then().statusCode(200).extract().path("state");
    }

    @Test
    void readyEnvironmentHasEveryObjectLabelled() {
        String team = team();
        UUID id = request(team, "web", "ephemeral");
        reconciler.drive(id);
        assertEquals("READY", state(team, id));
        String ns = team + "-web";

        Namespace namespace = client.namespaces().withName(ns).get();
        Map<String, String> labels = namespace.getMetadata().getLabels();
        assertEquals(team, labels.get(Fabric8ClusterGateway.LABEL_TEAM));
        assertEquals("web", labels.get(Fabric8ClusterGateway.LABEL_ENVIRONMENT));
        assertEquals("ephemeral", labels.get(Fabric8ClusterGateway.LABEL_TEMPLATE));
        String expires = given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .when().get("/api/v1/environments/" + id).then().extract().path("expiresAt");
        assertEquals(Long.toString(Instant.parse(expires).getEpochSecond()),
                labels.get(Fabric8ClusterGateway.LABEL_EXPIRES));
        assertEquals("runway", labels.get(Fabric8ClusterGateway.LABEL_MANAGED_BY));

        ResourceQuota quota = client.resourceQuotas().inNamespace(ns).withName(Fabric8ClusterGateway.QUOTA).get();
        assertEquals(new Quantity("1000m"), quota.getSpec().getHard().get("requests.cpu"));
        assertEquals(new Quantity("2048Mi"), quota.getSpec().getHard().get("requests.memory"));
        assertEquals(team, quota.getMetadata().getLabels().get(Fabric8ClusterGateway.LABEL_TEAM));

        LimitRange limits = client.limitRanges().inNamespace(ns).withName(Fabric8ClusterGateway.LIMITS).get();
        assertEquals("Container", limits.getSpec().getLimits().get(0).getType());
        assertNotNull(limits.getSpec().getLimits().get(0).getDefaultRequest().get("cpu"));

        NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace(ns)
                .withName(Fabric8ClusterGateway.NETWORK_POLICY).get();
        assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
        assertEquals(Map.of(), policy.getSpec().getPodSelector().getMatchLabels() == null ? Map.of()
                : policy.getSpec().getPodSelector().getMatchLabels());
        assertEquals(1, policy.getSpec().getIngress().size());
        assertNotNull(policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector());
        assertNull(policy.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector());

        RoleBinding binding = client.rbac().roleBindings().inNamespace(ns)
                .withName(Fabric8ClusterGateway.ROLE_BINDING).get();
        assertEquals("ClusterRole", binding.getRoleRef().getKind());
        assertEquals("edit", binding.getRoleRef().getName());
        assertEquals("Group", binding.getSubjects().get(0).getKind());
        assertEquals(team, binding.getSubjects().get(0).getName());

        given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .when().get("/api/v1/requests/" + id + "/events").then().statusCode(200)
                .body("items.to", contains("REQUESTED", "APPROVED", "PROVISIONING", "READY"));
    }

    @Test
    void driftIsRepairedOnTheNextReconcile() {
        String team = team();
        UUID id = request(team, "drift", "development");
        reconciler.drive(id);
        String ns = team + "-drift";
        client.resourceQuotas().inNamespace(ns).withName(Fabric8ClusterGateway.QUOTA).delete();
        client.namespaces().withName(ns).edit(n -> {
            n.getMetadata().getLabels().put(Fabric8ClusterGateway.LABEL_TEAM, "someone-else");
            return n;
        });
        assertNull(client.resourceQuotas().inNamespace(ns).withName(Fabric8ClusterGateway.QUOTA).get());

        Sql.makeDue(id);
        reconciler.drive(id);
        assertNotNull(client.resourceQuotas().inNamespace(ns).withName(Fabric8ClusterGateway.QUOTA).get());
        assertEquals(team, client.namespaces().withName(ns).get().getMetadata().getLabels()
                .get(Fabric8ClusterGateway.LABEL_TEAM));
        assertEquals("READY", state(team, id));
    }

    @Test
    void reapplyingIsIdempotent() {
        String team = team();
        UUID id = request(team, "twice", "development");
        reconciler.drive(id);
        Sql.makeDue(id);
        reconciler.drive(id);
        String ns = team + "-twice";
        assertEquals(1, client.resourceQuotas().inNamespace(ns).list().getItems().size());
        assertEquals(1, client.rbac().roleBindings().inNamespace(ns).list().getItems().size());
        assertEquals(1, client.namespaces().withLabel(Fabric8ClusterGateway.LABEL_TEAM, team).list().getItems().size());
    }

    @Test
    void deleteRemovesTheNamespace() {
        String team = team();
        UUID id = request(team, "bye", "ephemeral");
        reconciler.drive(id);
        given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .when().delete("/api/v1/environments/" + id).then().statusCode(202);
        reconciler.drive(id);
        assertEquals("DELETED", state(team, id));
        assertNull(client.namespaces().withName(team + "-bye").get());
    }

    @Test
    void expiredEnvironmentsAreReaped() {
        String team = team();
        UUID id = request(team, "old", "ephemeral");
        reconciler.drive(id);
        Sql.update("UPDATE provisioning_request SET expires_at = now() - interval '1 minute' WHERE id = ?", id);
        reaper.reapExpired();
        assertEquals("DEPROVISIONING", state(team, id));
        reconciler.drive(id);
        assertEquals("DELETED", state(team, id));
        assertNull(client.namespaces().withName(team + "-old").get());
        given().auth().oauth2(TestTokens.user("alice", List.of(team), "developer"))
                .when().get("/api/v1/requests/" + id + "/events").then()
                .body("items.find { it.to == 'DEPROVISIONING' }.actor", equalTo("ttl-reaper"));
    }
}
