package dev.runway.provisioning.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.provisioning.driver.ExternalFailure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

/** {@link ClusterGateway} over the fabric8 client; Kubernetes errors are translated here and only here. */
@ApplicationScoped
public class Fabric8ClusterGateway implements ClusterGateway {
    public static final String LABEL_TEAM = "runway.dev/team";
    public static final String LABEL_ENVIRONMENT = "runway.dev/environment";
    public static final String LABEL_TEMPLATE = "runway.dev/template";
    /** Expiry as epoch seconds (label values cannot hold ':'), or "never". */
    public static final String LABEL_EXPIRES = "runway.dev/expires";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String QUOTA = "runway-quota";
    public static final String LIMITS = "runway-limits";
    public static final String NETWORK_POLICY = "runway-same-namespace-only";
    public static final String ROLE_BINDING = "runway-team-edit";

    private final KubernetesClient client;

    public Fabric8ClusterGateway(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void applyNamespace(EnvironmentSpec env) {
        apply("apply namespace", () -> new NamespaceBuilder().withNewMetadata().withName(env.namespace())
                .withLabels(labels(env)).endMetadata().build());
    }

    @Override
    public void applyResourceQuota(EnvironmentSpec env) {
        apply("apply resource quota", () -> new ResourceQuotaBuilder().withNewMetadata().withName(QUOTA)
                .withNamespace(env.namespace()).withLabels(labels(env)).endMetadata()
                .withNewSpec()
                .addToHard("requests.cpu", new Quantity(env.cpuMillis() + "m"))
                .addToHard("limits.cpu", new Quantity(env.cpuMillis() + "m"))
                .addToHard("requests.memory", new Quantity(env.memoryMib() + "Mi"))
                .addToHard("limits.memory", new Quantity(env.memoryMib() + "Mi"))
                .endSpec().build());
    }

    @Override
    public void applyLimitRange(EnvironmentSpec env) {
        // Defaults let pods without explicit resources run under the quota, which demands them.
        apply("apply limit range", () -> new LimitRangeBuilder().withNewMetadata().withName(LIMITS)
                .withNamespace(env.namespace()).withLabels(labels(env)).endMetadata()
                .withNewSpec().addNewLimit().withType("Container")
                .addToDefault("cpu", new Quantity("500m")).addToDefault("memory", new Quantity("512Mi"))
                .addToDefaultRequest("cpu", new Quantity("100m")).addToDefaultRequest("memory", new Quantity("128Mi"))
                .endLimit().endSpec().build());
    }

    @Override
    public void applyNetworkPolicy(EnvironmentSpec env) {
        // Selects every pod and admits ingress only from pods of the same namespace: default deny for the rest.
        apply("apply network policy", () -> new NetworkPolicyBuilder().withNewMetadata().withName(NETWORK_POLICY)
                .withNamespace(env.namespace()).withLabels(labels(env)).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().addToPolicyTypes("Ingress")
                .addNewIngress().addNewFrom().withNewPodSelector().endPodSelector().endFrom().endIngress()
                .endSpec().build());
    }

    @Override
    public void applyRoleBinding(EnvironmentSpec env) {
        apply("apply role binding", () -> new RoleBindingBuilder().withNewMetadata().withName(ROLE_BINDING)
                .withNamespace(env.namespace()).withLabels(labels(env)).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName("edit").endRoleRef()
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group")
                .withName(env.group()).endSubject().build());
    }

    @Override
    public boolean deleteNamespace(String namespace) {
        return call("delete namespace", () -> {
            if (client.namespaces().withName(namespace).get() == null) {
                return true;
            }
            client.namespaces().withName(namespace).delete();
            return client.namespaces().withName(namespace).get() == null;
        });
    }

    @Override
    public Optional<Map<String, String>> readSecret(String namespace, String name) {
        return call("read secret", () -> {
            Secret s = client.secrets().inNamespace(namespace).withName(name).get();
            if (s == null) {
                return Optional.<Map<String, String>>empty();
            }
            Map<String, String> data = new LinkedHashMap<>();
            if (s.getData() != null) {
                s.getData().forEach((k, v) -> data.put(k,
                        new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (s.getStringData() != null) {
                data.putAll(s.getStringData());
            }
            return Optional.of(data);
        });
    }

    @Override
    public void applySecret(String namespace, String name, Map<String, String> labels, Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        apply("apply secret", () -> new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).addToLabels(LABEL_MANAGED_BY, MANAGED_BY).endMetadata()
                .withType("Opaque").withData(encoded).build());
    }

    @Override
    public void deleteSecret(String namespace, String name) {
        call("delete secret", () -> client.secrets().inNamespace(namespace).withName(name).delete());
    }

    private static Map<String, String> labels(EnvironmentSpec env) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_TEAM, env.team());
        labels.put(LABEL_ENVIRONMENT, env.environment());
        labels.put(LABEL_TEMPLATE, env.template());
        labels.put(LABEL_EXPIRES, env.expiresAt() == null ? "never" : Long.toString(env.expiresAt().getEpochSecond()));
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        return labels;
    }

    /** Create, or replace what is there: the object ends up exactly as built, whatever drifted. */
    private void apply(String what, Supplier<HasMetadata> object) {
        call(what, () -> client.resource(object.get()).createOr(NonDeletingOperation::update));
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (KubernetesClientException e) {
            throw translate(what, e);
        }
    }

    /** The one place Kubernetes errors become Runway's: a safe message and whether to retry. */
    static ExternalFailure translate(String what, KubernetesClientException e) {
        int code = e.getCode();
        return switch (code) {
            case 401, 403 -> new ExternalFailure("the cluster refused to " + what + " (HTTP " + code
                    + "): provisioning-service lacks the permission", false, e);
            case 409 -> new ExternalFailure("conflict while trying to " + what + " (HTTP 409), will retry", true, e);
            case 400, 422 -> new ExternalFailure("the cluster rejected the object in " + what + " (HTTP " + code
                    + ")", false, e);
            default -> new ExternalFailure("the cluster is unavailable to " + what
                    + (code > 0 ? " (HTTP " + code + ")" : " (no response)") + ", will retry", true, e);
        };
    }
}
