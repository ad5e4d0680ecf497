package dev.runway.provisioning.reconciler;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import dev.runway.provisioning.kubernetes.ClusterGateway;
import dev.runway.provisioning.kubernetes.EnvironmentSpec;
import dev.runway.provisioning.kubernetes.Fabric8ClusterGateway;

/**
 * The real gateway, except that every {@code period}-th call dies right after it took effect in the cluster,
 * like a {@code kill -9} between the external action and the commit of its recorded progress. Enabled only
 * by {@link CrashTest}'s profile.
 */
@Alternative
@ApplicationScoped
public class CrashingClusterGateway implements ClusterGateway {
    /** An Error, so that nothing in the reconciler handles it: the transaction just dies. */
    public static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    static volatile int period = 2;
    static final AtomicInteger CRASHES = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final Fabric8ClusterGateway real;

    public CrashingClusterGateway(Fabric8ClusterGateway real) {
        this.real = real;
    }

    private <T> T crashAfter(Supplier<T> action) {
        T result = action.get();
        if (period > 0 && calls.incrementAndGet() % period == 0) {
            CRASHES.incrementAndGet();
            throw new SimulatedCrash();
        }
        return result;
    }

    private void crashAfter(Runnable action) {
        crashAfter(() -> {
            action.run();
            return null;
        });
    }

    @Override
    public void applyNamespace(EnvironmentSpec env) {
        crashAfter(() -> real.applyNamespace(env));
    }

    @Override
    public void applyResourceQuota(EnvironmentSpec env) {
        crashAfter(() -> real.applyResourceQuota(env));
    }

    @Override
    public void applyLimitRange(EnvironmentSpec env) {
        crashAfter(() -> real.applyLimitRange(env));
    }

    @Override
    public void applyNetworkPolicy(EnvironmentSpec env) {
        crashAfter(() -> real.applyNetworkPolicy(env));
    }

    @Override
    public void applyRoleBinding(EnvironmentSpec env) {
        crashAfter(() -> real.applyRoleBinding(env));
    }

    @Override
    public boolean deleteNamespace(String namespace) {
        return crashAfter(() -> real.deleteNamespace(namespace));
    }

    @Override
    public Optional<Map<String, String>> readSecret(String namespace, String name) {
        return crashAfter(() -> real.readSecret(namespace, name));
    }

    @Override
    public void applySecret(String namespace, String name, Map<String, String> labels, Map<String, String> data) {
        crashAfter(() -> real.applySecret(namespace, name, labels, data));
    }

    @Override
    public void deleteSecret(String namespace, String name) {
        crashAfter(() -> real.deleteSecret(namespace, name));
    }
}
