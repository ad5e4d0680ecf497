package dev.runway.provisioning.reconciler;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.provisioning.config.ProvisioningConfig;
import dev.runway.provisioning.domain.EnvironmentStep;
import dev.runway.provisioning.domain.Plan;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.domain.RequestState;
import dev.runway.provisioning.kubernetes.ClusterGateway;
import dev.runway.provisioning.kubernetes.EnvironmentSpec;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;

/** Environments: a namespace and its objects; resynced by re-applying them all. */
@ApplicationScoped
public class EnvironmentReconciliation implements KindReconciliation<EnvironmentStep.Work> {
    private final ClusterGateway cluster;
    private final ProvisioningRequestRepository requests;
    private final ProvisioningConfig.Reconciler config;

    public EnvironmentReconciliation(ClusterGateway cluster, ProvisioningRequestRepository requests,
            ProvisioningConfig config) {
        this.cluster = cluster;
        this.requests = requests;
        this.config = config.reconciler();
    }

    @Override
    public RequestKind kind() {
        return RequestKind.ENVIRONMENT;
    }

    @Override
    public Plan<EnvironmentStep.Work> plan() {
        return EnvironmentStep.PLAN;
    }

    @Override
    public EnvironmentStep.Work work(ProvisioningRequest r) {
        EnvironmentSpec spec = new EnvironmentSpec(r.namespace(), r.team(), r.name(), r.templateId(), r.team(),
                r.expiresAt(), r.cpuMillis(), r.memoryMib());
        return new EnvironmentStep.Work(cluster, spec, () -> requests.databasesOf(r.id()).stream()
                .allMatch(db -> RequestState.GONE.contains(db.state()) || db.state() == RequestState.FAILED));
    }

    @Override
    public Instant afterReady(ProvisioningRequest r, Instant now) {
        return now.plus(config.resync());
    }

    /** Level-triggered: re-applying every object repairs drift (a deleted quota comes back). */
    @Override
    public Instant resync(ProvisioningRequest r, EnvironmentStep.Work work, Instant now) {
        plan().applyAll(work);
        return now.plus(config.resync());
    }
}
