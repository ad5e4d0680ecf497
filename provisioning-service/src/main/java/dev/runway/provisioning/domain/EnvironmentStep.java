package dev.runway.provisioning.domain;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import dev.runway.provisioning.kubernetes.ClusterGateway;
import dev.runway.provisioning.kubernetes.EnvironmentSpec;

/**
 * How an environment is built in the cluster: a namespace, then its quota, limits, network policy and the team's
 * role binding. The namespace's objects go with it, so undoing an environment is deleting its namespace, once its
 * databases are gone (their Secrets live in it).
 */
public enum EnvironmentStep implements Step<EnvironmentStep.Work> {
    NAMESPACE(ClusterGateway::applyNamespace) {
        @Override
        public boolean undoable() {
            return true;
        }

        @Override
        public Outcome undo(Work w) {
            if (!w.databasesGone().getAsBoolean()) {
                return Outcome.WAIT;
            }
            return w.cluster().deleteNamespace(w.spec().namespace()) ? Outcome.DONE : Outcome.WAIT;
        }
    },
    RESOURCE_QUOTA(ClusterGateway::applyResourceQuota),
    LIMIT_RANGE(ClusterGateway::applyLimitRange),
    NETWORK_POLICY(ClusterGateway::applyNetworkPolicy),
    ROLE_BINDING(ClusterGateway::applyRoleBinding);

    public static final Plan<Work> PLAN = new Plan<>(List.of(values()), "namespace deleted");

    /** Each step applies one object of the environment; applying is idempotent (create or replace). */
    private final BiConsumer<ClusterGateway, EnvironmentSpec> object;

    EnvironmentStep(BiConsumer<ClusterGateway, EnvironmentSpec> object) {
        this.object = object;
    }

    @Override
    public Outcome apply(Work w) {
        object.accept(w.cluster(), w.spec());
        return Outcome.DONE;
    }

    /** Every step but the namespace's lives inside the namespace and goes with it. */
    @Override
    public boolean undoable() {
        return false;
    }

    @Override
    public Outcome undo(Work w) {
        return Outcome.DONE;
    }

    /** @param databasesGone whether every database of the environment is gone (or failed for good) */
    public record Work(ClusterGateway cluster, EnvironmentSpec spec, BooleanSupplier databasesGone) {
    }
}
