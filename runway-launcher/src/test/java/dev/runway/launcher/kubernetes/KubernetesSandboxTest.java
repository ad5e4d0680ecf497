package dev.runway.launcher.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesSandboxTest {

    @TempDir
    static Path directory;

    static KubernetesSandbox sandbox;
    static KubernetesClient client;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        sandbox = KubernetesSandbox.start(0);
        Path kubeconfig = directory.resolve("kube/config");
        Kubeconfig.write(kubeconfig, sandbox.url());
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void kubeconfigSelectsTheSandboxContext() throws IOException {
        Config config = Config.fromKubeconfig(Kubeconfig.render(sandbox.url()));

        assertEquals("runway-sandbox", config.getCurrentContext().getName());
        assertEquals(sandbox.url() + "/", config.getMasterUrl());
        assertEquals("default", config.getNamespace());
    }

    @Test
    void storesListsAndDeletesWhatTheProvisionerApplies() {
        client.namespaces().resource(new NamespaceBuilder()
                .withNewMetadata().withName("payments-dev").addToLabels("runway.dev/team", "payments").endMetadata()
                .build()).create();
        client.resourceQuotas().inNamespace("payments-dev").resource(new ResourceQuotaBuilder()
                .withNewMetadata().withName("compute").endMetadata()
                .withNewSpec().addToHard("requests.cpu", new Quantity("2")).endSpec()
                .build()).create();
        client.network().v1().networkPolicies().inNamespace("payments-dev").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("deny-ingress").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec()
                .build()).create();
        client.rbac().roleBindings().inNamespace("payments-dev").resource(new RoleBindingBuilder()
                .withNewMetadata().withName("team-edit").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "edit")
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName("payments")
                .endSubject()
                .build()).create();

        Namespace namespace = client.namespaces().withLabel("runway.dev/team", "payments").list().getItems().get(0);
        assertEquals("payments-dev", namespace.getMetadata().getName());
        assertEquals("Active", namespace.getStatus().getPhase());
        assertEquals("payments-dev", namespace.getMetadata().getLabels().get("kubernetes.io/metadata.name"));
        List<ResourceQuota> quotas = client.resourceQuotas().inNamespace("payments-dev").list().getItems();
        assertEquals(List.of("compute"), quotas.stream().map(q -> q.getMetadata().getName()).toList());
        assertEquals(new Quantity("2"), quotas.get(0).getSpec().getHard().get("requests.cpu"));
        List<NetworkPolicy> policies = client.network().v1().networkPolicies().inNamespace("payments-dev").list()
                .getItems();
        assertEquals(List.of("Ingress"), policies.get(0).getSpec().getPolicyTypes());
        List<RoleBinding> bindings = client.rbac().roleBindings().inNamespace("payments-dev").list().getItems();
        assertEquals("edit", bindings.get(0).getRoleRef().getName());

        client.namespaces().withName("payments-dev").delete();

        assertNull(client.namespaces().withName("payments-dev").get());
        // as on a cluster, the namespace's contents go with it
        assertTrue(client.resourceQuotas().inNamespace("payments-dev").list().getItems().isEmpty());
        assertTrue(client.network().v1().networkPolicies().inNamespace("payments-dev").list().getItems().isEmpty());
        assertTrue(client.rbac().roleBindings().inNamespace("payments-dev").list().getItems().isEmpty());
    }

    @Test
    void givesQuotasTheStatusOfAQuotaControllerAndListsTheirKind() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("quota-status").endMetadata()
                .build()).create();
        client.resourceQuotas().inNamespace("quota-status").resource(new ResourceQuotaBuilder()
                .withNewMetadata().withName("compute").endMetadata()
                .withNewSpec().addToHard("pods", new Quantity("10")).endSpec()
                .build()).create();

        ResourceQuota stored = client.resourceQuotas().inNamespace("quota-status").withName("compute").get();
        String list = get("/api/v1/namespaces/quota-status/resourcequotas", "application/json").body();

        assertEquals(new Quantity("10"), stored.getStatus().getHard().get("pods"));
        assertEquals(new Quantity("0"), stored.getStatus().getUsed().get("pods"));
        // client-go's typed clients (kubectl describe) decode a generic "List" as empty
        assertTrue(list.contains("\"kind\":\"ResourceQuotaList\""), list);
    }

    @Test
    void updatesClusterScopedObjectsWithoutANullNamespace() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("relabelled").endMetadata()
                .build()).create();

        client.namespaces().withName("relabelled").edit(n -> new NamespaceBuilder(n)
                .editMetadata().addToLabels("env", "dev").endMetadata().build());

        String stored = get("/api/v1/namespaces/relabelled", "application/json").body();
        assertTrue(stored.contains("\"env\":\"dev\""), stored);
        assertFalse(stored.contains("\"namespace\""), stored);
    }

    @Test
    void appliesStrategicMergePatchesAsKubectlSendsThem() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("patched").endMetadata()
                .build()).create();
        client.apps().deployments().inNamespace("patched").resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("app").withImage("nginx:1.25").endContainer()
                .addNewContainer().withName("sidecar").withImage("busybox:1.36").endContainer()
                .endSpec().endTemplate().endSpec()
                .build()).create();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                        sandbox.url() + "/apis/apps/v1/namespaces/patched/deployments/web?fieldManager=kubectl"))
                .header("Content-Type", "application/strategic-merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("""
                        {"spec":{"template":{"spec":{
                          "$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],
                          "containers":[{"name":"sidecar","image":"busybox:1.37"}]}}}}"""))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        List<String> images = client.apps().deployments().inNamespace("patched").withName("web").get()
                .getSpec().getTemplate().getSpec().getContainers().stream()
                .map(c -> c.getName() + "=" + c.getImage())
                .toList();
        assertEquals(List.of("app=nginx:1.25", "sidecar=busybox:1.37"), images);
    }

    @Test
    void declaresServerSideFieldValidationForKubectlApply() throws Exception {
        String root = get("/openapi/v3", "application/json").body();
        String core = get("/openapi/v3/api/v1", "application/json").body();

        assertTrue(root.contains("\"apis/networking.k8s.io/v1\":{\"serverRelativeURL\":"), root);
        assertTrue(core.contains("\"/api/v1/namespaces/{namespace}/resourcequotas/{name}\""), core);
        assertTrue(core.contains("\"name\":\"fieldValidation\",\"in\":\"query\""), core);
    }

    @Test
    void streamsWatchesToFabric8Clients() throws Exception {
        CompletableFuture<String> added = new CompletableFuture<>();
        try (Watch watch = client.namespaces().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Namespace namespace) {
                if (action == Action.ADDED && namespace.getMetadata().getName().equals("watched")) {
                    added.complete(namespace.getMetadata().getName());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("watched").endMetadata()
                    .build()).create();

            assertEquals("watched", added.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void startsWithTheNamespacesOfACluster() {
        List<String> names = client.namespaces().list().getItems().stream()
                .map(n -> n.getMetadata().getName())
                .toList();

        assertTrue(names.containsAll(List.of("default", "kube-system", "kube-public")), names::toString);
    }

    @Test
    void servesCoreDiscovery() throws Exception {
        HttpResponse<String> resources = get("/api/v1", "application/json");

        assertEquals(200, resources.statusCode());
        assertEquals("application/json", resources.headers().firstValue("Content-Type").orElse(""));
        assertTrue(resources.body().contains("\"kind\":\"APIResourceList\""), resources.body());
        for (String plural : List.of("namespaces", "secrets", "configmaps", "resourcequotas", "limitranges",
                "serviceaccounts", "services", "pods", "events")) {
            assertTrue(resources.body().contains("\"name\":\"" + plural + "\""), plural);
        }
    }

    @Test
    void servesGroupDiscovery() throws Exception {
        assertTrue(get("/apis/networking.k8s.io/v1", "application/json").body()
                .contains("\"name\":\"networkpolicies\""));
        String rbac = get("/apis/rbac.authorization.k8s.io/v1", "application/json").body();
        for (String plural : List.of("rolebindings", "roles", "clusterroles", "clusterrolebindings")) {
            assertTrue(rbac.contains("\"name\":\"" + plural + "\""), plural);
        }
        assertTrue(get("/apis/apps/v1", "application/json").body().contains("\"name\":\"deployments\""));
        String groups = get("/apis", "application/json").body();
        for (String groupVersion : List.of("apps/v1", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1")) {
            assertTrue(groups.contains("\"groupVersion\":\"" + groupVersion + "\""), groupVersion);
        }
        assertTrue(client.supports(NetworkPolicy.class));
    }

    @Test
    void answersAggregatedDiscoveryRequestsWithLegacyDocuments() throws Exception {
        // what kubectl 1.30+ asks first; a plain application/json answer makes it fall back to legacy discovery
        String aggregated = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

        HttpResponse<String> api = get("/api?timeout=32s", aggregated);

        assertEquals(200, api.statusCode());
        assertEquals("application/json", api.headers().firstValue("Content-Type").orElse(""));
        assertTrue(api.body().contains("\"kind\":\"APIVersions\""), api.body());
        assertTrue(get("/apis?timeout=32s", aggregated).body().contains("\"kind\":\"APIGroupList\""));
    }

    @Test
    void answersUnservedGroupsAndUnknownObjectsWithNotFoundStatus() throws Exception {
        HttpResponse<String> group = get("/apis/batch/v1", "application/json");
        HttpResponse<String> object = get("/api/v1/namespaces/nowhere", "application/json");

        assertEquals(404, group.statusCode());
        assertTrue(group.body().contains("\"kind\":\"Status\""), group.body());
        assertEquals(404, object.statusCode());
        assertTrue(object.body().contains("namespaces \\\"nowhere\\\" not found"), object.body());
    }

    @Test
    void servesVersionAndHealth() throws Exception {
        assertTrue(get("/version", "application/json").body().contains("\"major\":\"1\""));
        assertEquals("ok", get("/readyz", "*/*").body());
        assertEquals(ApiDiscovery.MINOR, client.getKubernetesVersion().getMinor());
    }

    @Test
    void refusesProtobufBodiesItCannotStore() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(sandbox.url() + "/api/v1/namespaces"))
                .header("Content-Type", "application/vnd.kubernetes.protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 'k', '8', 's', 0 }))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(415, response.statusCode());
        assertTrue(response.body().contains("UnsupportedMediaType"), response.body());
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(sandbox.url() + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
    }
}
