package dev.runway.provisioning.kubernetes;

import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes operations of the reconciler. Every call is idempotent (applying twice leaves one object in
 * the desired shape) and fails only with {@link dev.runway.provisioning.driver.ExternalFailure}.
 */
public interface ClusterGateway {
    String MANAGED_BY = "runway";

    void applyNamespace(EnvironmentSpec env);

    void applyResourceQuota(EnvironmentSpec env);

    void applyLimitRange(EnvironmentSpec env);

    void applyNetworkPolicy(EnvironmentSpec env);

    void applyRoleBinding(EnvironmentSpec env);

    /** Requests deletion of the namespace; true once it is gone. */
    boolean deleteNamespace(String namespace);

    Optional<Map<String, String>> readSecret(String namespace, String name);

    /** Creates or replaces an Opaque Secret holding {@code data} (plain strings, encoded here). */
    void applySecret(String namespace, String name, Map<String, String> labels, Map<String, String> data);

    void deleteSecret(String namespace, String name);
}
