package dev.runway.provisioning.domain;

import java.util.List;
import java.util.function.BooleanSupplier;

import dev.runway.provisioning.kubernetes.ClusterGateway;
import dev.runway.provisioning.kubernetes.EnvironmentSpec;

/**
 * How an environment is built in the cluster: a namespace, then its quota, limits, network policy and the team's
 * role binding. The namespace's objects go with it, so undoing an environment is deleting its namespace, once its
 * databases are gone (their Secrets live in it).
 */
public enum EnvironmentStep implements Step<EnvironmentStep.Work> {
    NAMESPACE {
        @Override
        public Outcome apply(Work w) {
            w.cluster().applyNamespace(w.spec());
            return Outcome.DONE;
        }

        @Override
        public Outcome undo(Work w) {
            if (!w.databasesGone().getAsBoolean()) {
                return Outcome.WAIT;
            }
            return w.cluster().deleteNamespace(w.spec().namespace()) ? Outcome.DONE : Outcome.WAIT;
        }
    },
    RESOURCE_QUOTA {
        @Override
        public Outcome apply(Work w) {
            w.cluster().applyResourceQuota(w.spec());
            return Outcome.DONE;
        }
    },
    LIMIT_RANGE {
        @Override
        public Outcome apply(Work w) {
            w.cluster().applyLimitRange(w.spec());
            return Outcome.DONE;
        }
    },
    NETWORK_POLICY {
        @Override
        public Outcome apply(Work w) {
            w.cluster().applyNetworkPolicy(w.spec());
            return Outcome.DONE;
        }
    },
    ROLE_BINDING {
        @Override
        public Outcome apply(Work w) {
            w.cluster().applyRoleBinding(w.spec());
            return Outcome.DONE;
        }
    };

    public static final Plan<Work> PLAN = new Plan<>(List.of(values()), "namespace deleted");

    /** Every step but the namespace's lives inside the namespace and goes with it. */
    @Override
    public boolean undoable() {
        return this == NAMESPACE;
    }

    @Override
    public Outcome undo(Work w) {
        return Outcome.DONE;
    }

    /** @param databasesGone whether every database of the environment is gone (or failed for good) */
    public record Work(ClusterGateway cluster, EnvironmentSpec spec, BooleanSupplier databasesGone) {
    }
}
