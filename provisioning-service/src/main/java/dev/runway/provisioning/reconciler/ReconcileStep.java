package dev.runway.provisioning.reconciler;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.runway.provisioning.client.CatalogGateway;
import dev.runway.provisioning.config.ProvisioningConfig;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.domain.RequestState;
import dev.runway.provisioning.driver.ConnectionInfo;
import dev.runway.provisioning.driver.DatabaseDriver;
import dev.runway.provisioning.driver.DatabaseDrivers;
import dev.runway.provisioning.driver.DatabaseSpec;
import dev.runway.provisioning.driver.ExternalFailure;
import dev.runway.provisioning.kubernetes.ClusterGateway;
import dev.runway.provisioning.kubernetes.EnvironmentSpec;
import dev.runway.provisioning.policy.Caller;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;
import dev.runway.provisioning.service.Lifecycle;
import dev.runway.provisioning.template.Template;
import dev.runway.provisioning.template.TemplateCatalog;

/**
 * One reconcile step of one request per transaction: the row is locked ({@code FOR UPDATE SKIP LOCKED}) while
 * its step runs, and the progress recorded commits with it. A step that ran in the world but whose commit was
 * lost (crash) simply runs again: every step is idempotent.
 */
@ApplicationScoped
public class ReconcileStep {
    private static final Logger LOG = Logger.getLogger(ReconcileStep.class);
    private static final Caller RECONCILER = Caller.system("reconciler");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProvisioningRequestRepository requests;
    private final ClusterGateway cluster;
    private final DatabaseDrivers drivers;
    private final TemplateCatalog templates;
    private final Lifecycle lifecycle;
    private final CatalogGateway catalog;
    private final ProvisioningConfig.Reconciler config;

    public ReconcileStep(ProvisioningRequestRepository requests, ClusterGateway cluster, DatabaseDrivers drivers,
            TemplateCatalog templates, Lifecycle lifecycle, CatalogGateway catalog, ProvisioningConfig config) {
        this.requests = requests;
        this.cluster = cluster;
        this.drivers = drivers;
        this.templates = templates;
        this.lifecycle = lifecycle;
        this.catalog = catalog;
        this.config = config.reconciler();
    }

    /** Works one step of some due request; false when nothing was due (or all due rows are taken). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean stepDue() {
        Instant now = Instant.now();
        Optional<ProvisioningRequest> r = requests.claimDue(now);
        r.ifPresent(x -> work(x, now));
        return r.isPresent();
    }

    /** Works one step of this request if it is due and free; true when it has more work due right away. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean step(UUID id) {
        Instant now = Instant.now();
        Optional<ProvisioningRequest> r = requests.claim(id, now);
        if (r.isEmpty()) {
            return false;
        }
        work(r.get(), now);
        return r.get().nextAttemptAt != null && !r.get().nextAttemptAt.isAfter(now);
    }

    private void work(ProvisioningRequest r, Instant now) {
        try {
            if (r.kind == RequestKind.ENVIRONMENT) {
                environment(r, now);
            } else {
                database(r, now);
            }
        } catch (ExternalFailure f) {
            failed(r, f.getMessage(), f.retryable(), now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconciling %s failed unexpectedly", r.id);
            failed(r, "unexpected error in the reconciler, will retry", true, now);
        }
    }

    private void environment(ProvisioningRequest r, Instant now) {
        EnvironmentSpec spec = new EnvironmentSpec(r.namespace, r.team, r.name, r.templateId, r.team, r.expiresAt,
                r.cpuMillis, r.memoryMib);
        if (r.desired == ProvisioningRequest.Desired.ABSENT) {
            if (r.state != RequestState.DEPROVISIONING) {
                r.nextAttemptAt = syncCatalog(r, now);
                return;
            }
            switch (r.step) {
                case 0 -> {
                    boolean databasesGone = requests.databasesOf(r.id).stream()
                            .allMatch(db -> RequestState.GONE.contains(db.state) || db.state == RequestState.FAILED);
                    if (!databasesGone) {
                        waitFor(r, now);
                        return;
                    }
                    progress(r, now);
                }
                case 1 -> {
                    if (!cluster.deleteNamespace(r.namespace)) {
                        waitFor(r, now);
                        return;
                    }
                    progress(r, now);
                }
                default -> {
                    lifecycle.move(r, RequestState.DELETED, RECONCILER, "namespace deleted", now);
                    r.nextAttemptAt = syncCatalog(r, now);
                }
            }
            return;
        }
        List<Runnable> steps = List.of(() -> cluster.applyNamespace(spec), () -> cluster.applyResourceQuota(spec),
                () -> cluster.applyLimitRange(spec), () -> cluster.applyNetworkPolicy(spec),
                () -> cluster.applyRoleBinding(spec));
        switch (r.state) {
            case APPROVED -> {
                lifecycle.move(r, RequestState.PROVISIONING, RECONCILER, null, now);
                r.nextAttemptAt = now;
            }
            case PROVISIONING -> {
                steps.get(r.step).run();
                progress(r, now);
                if (r.step == steps.size()) {
                    lifecycle.move(r, RequestState.READY, RECONCILER, null, now);
                    r.nextAttemptAt = earliest(now.plus(config.resync()), syncCatalog(r, now));
                }
            }
            case READY -> {
                Instant catalogRetry = syncCatalog(r, now);
                // Level-triggered resync: re-applying every object repairs drift (a deleted quota comes back).
                steps.forEach(Runnable::run);
                r.attempts = 0;
                r.nextAttemptAt = earliest(now.plus(config.resync()), catalogRetry);
            }
            default -> r.nextAttemptAt = null;
        }
    }

    private void database(ProvisioningRequest r, Instant now) {
        DatabaseDriver driver = drivers.forEngine(r.templateId);
        DatabaseSpec spec = new DatabaseSpec(r.physicalName, plan(r).connectionLimit());
        if (r.desired == ProvisioningRequest.Desired.ABSENT) {
            if (r.state != RequestState.DEPROVISIONING) {
                r.nextAttemptAt = syncCatalog(r, now);
                return;
            }
            switch (r.step) {
                case 0 -> driver.dropDatabase(spec);
                case 1 -> driver.dropAccount(spec);
                case 2 -> cluster.deleteSecret(r.namespace, r.secretName);
                default -> {
                    lifecycle.move(r, RequestState.DELETED, RECONCILER, "database, account and Secret removed", now);
                    r.nextAttemptAt = syncCatalog(r, now);
                    return;
                }
            }
            progress(r, now);
            return;
        }
        switch (r.state) {
            case APPROVED -> {
                ProvisioningRequest env = requests.findById(r.environmentId);
                if (env.state == RequestState.READY) {
                    lifecycle.move(r, RequestState.PROVISIONING, RECONCILER, null, now);
                    r.nextAttemptAt = now;
                } else if (env.desired == ProvisioningRequest.Desired.PRESENT && (env.state == RequestState.APPROVED
                        || env.state == RequestState.PROVISIONING || env.state == RequestState.PENDING_APPROVAL)) {
                    waitFor(r, now);
                } else {
                    r.retryable = false;
                    lifecycle.move(r, RequestState.FAILED, RECONCILER, "environment '" + env.name + "' is "
                            + env.state, now);
                    r.nextAttemptAt = null;
                }
            }
            case PROVISIONING -> {
                switch (r.step) {
                    case 0 -> ensureSecret(r, driver, spec, false);
                    case 1 -> {
                        Optional<char[]> password = password(r);
                        if (password.isEmpty()) {
                            // The Secret vanished before the account existed: start over from it.
                            r.step = 0;
                            r.nextAttemptAt = now;
                            return;
                        }
                        driver.ensureAccount(spec, password.get());
                        Arrays.fill(password.get(), '\0');
                    }
                    case 2 -> driver.ensureDatabase(spec);
                    default -> driver.ensureGrants(spec);
                }
                progress(r, now);
                if (r.step == 4) {
                    lifecycle.move(r, RequestState.READY, RECONCILER, null, now);
                    r.nextAttemptAt = earliest(r.rotationRequested ? now : null, syncCatalog(r, now));
                }
            }
            case READY -> {
                Instant catalogRetry = syncCatalog(r, now);
                if (r.rotationRequested) {
                    char[] password = ensureSecret(r, driver, spec, true);
                    driver.setPassword(spec, password);
                    Arrays.fill(password, '\0');
                    r.rotationRequested = false;
                    r.credentialsRevealed = false;
                    r.attempts = 0;
                    lifecycle.note(r, RECONCILER, "rotated", "success", "password rotated", now);
                }
                r.nextAttemptAt = catalogRetry;
            }
            default -> r.nextAttemptAt = null;
        }
    }

    /**
     * Makes sure the Secret holds a password (a new one when {@code fresh}) and returns it. Written before the
     * account exists, so a crash at any later point finds the same password again instead of losing it.
     */
    private char[] ensureSecret(ProvisioningRequest r, DatabaseDriver driver, DatabaseSpec spec, boolean fresh) {
        Optional<Map<String, String>> existing = cluster.readSecret(r.namespace, r.secretName);
        if (!fresh && existing.isPresent() && existing.get().get("password") != null) {
            return existing.get().get("password").toCharArray();
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ConnectionInfo info = driver.connectionInfo(spec);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("engine", r.templateId);
        data.put("host", info.host());
        data.put("port", Integer.toString(info.port()));
        if (info.database() != null) {
            data.put("database", info.database());
        }
        data.put("username", info.username());
        data.put("password", password);
        cluster.applySecret(r.namespace, r.secretName, Map.of("runway.dev/team", r.team,
                "runway.dev/database", r.name), data);
        return password.toCharArray();
    }

    private Optional<char[]> password(ProvisioningRequest r) {
        return cluster.readSecret(r.namespace, r.secretName).map(d -> d.get("password")).map(String::toCharArray);
    }

    private Template.Plan plan(ProvisioningRequest r) {
        Template t = templates.find(r.templateId)
                .orElseThrow(() -> new ExternalFailure("template '" + r.templateId + "' no longer exists", false, null));
        Template.Plan plan = t.plans().get(String.valueOf(r.parameters.get("plan")));
        if (plan == null) {
            throw new ExternalFailure("plan '" + r.parameters.get("plan") + "' no longer exists", false, null);
        }
        return plan;
    }

    /**
     * Brings catalog-service in line with the state (Resource registered while READY, removed once DELETED).
     * Deliberately apart from the request's steps: a catalog outage never holds back READY or DELETED nor fails the
     * request; it counts its own attempts and is retried on the same backoff.
     *
     * @return when to try again, or null when the catalog is in line
     */
    private Instant syncCatalog(ProvisioningRequest r, Instant now) {
        if (r.catalogSynced || (r.state != RequestState.READY && r.state != RequestState.DELETED)) {
            return null;
        }
        try {
            if (r.state == RequestState.READY) {
                ProvisioningRequest environment = r.environmentId == null ? null : requests.findById(r.environmentId);
                catalog.register(CatalogEntities.resource(r, environment));
            } else {
                catalog.remove(CatalogEntities.name(r));
            }
            r.catalogSynced = true;
            r.catalogAttempts = 0;
            r.catalogReason = null;
            return null;
        } catch (RuntimeException e) {
            r.catalogAttempts++;
            r.catalogReason = e.getMessage();
            LOG.warnf("catalog %s of %s failed (attempt %d): %s", r.state == RequestState.READY ? "registration"
                    : "removal", r.id, r.catalogAttempts, e.getMessage());
            return now.plus(backoff(r.catalogAttempts));
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isBefore(b) ? a : b;
    }

    private static void progress(ProvisioningRequest r, Instant now) {
        r.step++;
        r.attempts = 0;
        r.reason = null;
        r.updatedAt = now;
        r.nextAttemptAt = now;
    }

    /** Waiting on something else (an environment, a namespace being deleted) is not a failure. */
    private void waitFor(ProvisioningRequest r, Instant now) {
        r.nextAttemptAt = now.plus(config.backoffBase());
    }

    private void failed(ProvisioningRequest r, String reason, boolean retryable, Instant now) {
        r.attempts++;
        r.updatedAt = now;
        if (!retryable || r.attempts >= config.maxAttempts()) {
            r.retryable = retryable;
            lifecycle.move(r, RequestState.FAILED, RECONCILER, reason, now);
            r.nextAttemptAt = null;
            return;
        }
        r.reason = reason;
        r.nextAttemptAt = now.plus(backoff(r.attempts));
    }

    /** base · 2^(attempts-1), capped. */
    Duration backoff(int attempts) {
        Duration d = config.backoffBase().multipliedBy(1L << Math.min(attempts - 1, 30));
        return d.compareTo(config.backoffCap()) > 0 || d.isNegative() ? config.backoffCap() : d;
    }
}
