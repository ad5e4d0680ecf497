package dev.runway.provisioning.reconciler;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.common.security.Caller;
import dev.runway.provisioning.config.ProvisioningConfig;
import dev.runway.provisioning.domain.DatabaseRepair;
import dev.runway.provisioning.domain.DatabaseStep;
import dev.runway.provisioning.domain.Plan;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.domain.RequestState;
import dev.runway.provisioning.driver.ConnectionInfo;
import dev.runway.provisioning.driver.DatabaseDriver;
import dev.runway.provisioning.driver.DatabaseDrivers;
import dev.runway.provisioning.driver.DatabaseSpec;
import dev.runway.provisioning.driver.ExternalFailure;
import dev.runway.provisioning.kubernetes.ClusterGateway;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;
import dev.runway.provisioning.service.Lifecycle;
import dev.runway.provisioning.template.Template;
import dev.runway.provisioning.template.TemplateCatalog;

/**
 * Databases: start once their environment is READY. A READY one is resynced like an environment: its password is
 * rotated when asked, and its ownership and grants are repaired when the server reports drift ({@link DatabaseRepair}).
 */
@ApplicationScoped
public class DatabaseReconciliation implements KindReconciliation<DatabaseStep.Work> {
    private static final Caller RECONCILER = Caller.service("reconciler");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProvisioningRequestRepository requests;
    private final ClusterGateway cluster;
    private final DatabaseDrivers drivers;
    private final TemplateCatalog templates;
    private final Lifecycle lifecycle;
    private final ProvisioningConfig.Reconciler config;

    public DatabaseReconciliation(ProvisioningRequestRepository requests, ClusterGateway cluster,
            DatabaseDrivers drivers, TemplateCatalog templates, Lifecycle lifecycle, ProvisioningConfig config) {
        this.requests = requests;
        this.cluster = cluster;
        this.drivers = drivers;
        this.templates = templates;
        this.lifecycle = lifecycle;
        this.config = config.reconciler();
    }

    @Override
    public RequestKind kind() {
        return RequestKind.DATABASE;
    }

    @Override
    public Plan<DatabaseStep.Work> plan() {
        return DatabaseStep.PLAN;
    }

    @Override
    public DatabaseStep.Work work(ProvisioningRequest r) {
        return new Workspace(r, drivers.forEngine(r.templateId()), new DatabaseSpec(r.physicalName(),
                plan(r).connectionLimit()));
    }

    @Override
    public Gate gate(ProvisioningRequest r) {
        ProvisioningRequest env = requests.findById(r.environmentId());
        if (env.state() == RequestState.READY) {
            return Gate.OPEN;
        }
        if (env.desired() == ProvisioningRequest.Desired.PRESENT && (env.state() == RequestState.APPROVED
                || env.state() == RequestState.PROVISIONING || env.state() == RequestState.PENDING_APPROVAL)) {
            return Gate.WAIT;
        }
        return Gate.closed("environment '" + env.name() + "' is " + env.state());
    }

    @Override
    public Instant afterReady(ProvisioningRequest r, Instant now) {
        return r.rotationRequested() ? now : now.plus(config.resync());
    }

    @Override
    public Instant resync(ProvisioningRequest r, DatabaseStep.Work work, Instant now) {
        if (r.rotationRequested()) {
            char[] password = work.ensureSecret(true);
            work.driver().setPassword(work.spec(), password);
            Arrays.fill(password, '\0');
            r.rotated();
            lifecycle.note(r, RECONCILER, "rotated", "password rotated");
        }
        Optional<String> drift = work.driver().drift(work.spec());
        if (drift.isPresent()) {
            DatabaseRepair.PLAN.applyAll(work);
            lifecycle.note(r, RECONCILER, "repaired", drift.get());
        }
        return now.plus(config.resync());
    }

    private Template.Plan plan(ProvisioningRequest r) {
        Template t = templates.find(r.templateId()).orElseThrow(
                () -> new ExternalFailure("template '" + r.templateId() + "' no longer exists", false, null));
        Template.Plan plan = t.plans().get(String.valueOf(r.parameters().get("plan")));
        if (plan == null) {
            throw new ExternalFailure("plan '" + r.parameters().get("plan") + "' no longer exists", false, null);
        }
        return plan;
    }

    /** One database's server account and its credentials Secret in the environment's namespace. */
    private final class Workspace implements DatabaseStep.Work {
        private final ProvisioningRequest r;
        private final DatabaseDriver driver;
        private final DatabaseSpec spec;

        Workspace(ProvisioningRequest r, DatabaseDriver driver, DatabaseSpec spec) {
            this.r = r;
            this.driver = driver;
            this.spec = spec;
        }

        @Override
        public DatabaseDriver driver() {
            return driver;
        }

        @Override
        public DatabaseSpec spec() {
            return spec;
        }

        /** Written before the account exists, so a crash at any later point finds the same password again. */
        @Override
        public char[] ensureSecret(boolean fresh) {
            Optional<Map<String, String>> existing = cluster.readSecret(r.namespace(), r.secretName());
            if (!fresh && existing.isPresent() && existing.get().get("password") != null) {
                return existing.get().get("password").toCharArray();
            }
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            ConnectionInfo info = driver.connectionInfo(spec);
            Map<String, String> data = new LinkedHashMap<>();
            data.put("engine", r.templateId());
            data.put("host", info.host());
            data.put("port", Integer.toString(info.port()));
            if (info.database() != null) {
                data.put("database", info.database());
            }
            data.put("username", info.username());
            data.put("password", password);
            cluster.applySecret(r.namespace(), r.secretName(), Map.of("runway.dev/team", r.team(),
                    "runway.dev/database", r.name()), data);
            return password.toCharArray();
        }

        @Override
        public Optional<char[]> password() {
            return cluster.readSecret(r.namespace(), r.secretName()).map(d -> d.get("password"))
                    .map(String::toCharArray);
        }

        @Override
        public void deleteSecret() {
            cluster.deleteSecret(r.namespace(), r.secretName());
        }
    }
}
