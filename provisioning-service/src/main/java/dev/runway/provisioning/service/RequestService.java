package dev.runway.provisioning.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.runway.common.error.ConflictException;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.NotPermittedException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.UnprocessableException;
import dev.runway.common.error.UpstreamUnavailableException;
import dev.runway.common.security.Caller;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestChanged;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.driver.ExternalFailure;
import dev.runway.provisioning.kubernetes.ClusterGateway;
import dev.runway.provisioning.policy.ProvisioningPolicy;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;
import dev.runway.provisioning.template.Template;
import dev.runway.provisioning.template.TemplateCatalog;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The commands on requests: find the request for the caller and ask the policy, then, in one short transaction,
 * apply the request's transition, record it, and wake the reconciler when there is work. The rules of each
 * transition are the request's, those of a new request {@link Admission}'s; the reconciler does the work in the world.
 *
 * <p>The policy questions go to access-service, so they are asked before anything is locked and outside any
 * transaction: a remote call never holds a row, a lock or a database connection. They are asked about the request
 * as read (what they look at, its team, environment and requester, never changes); the transaction then locks the
 * row, waiting for a reconciler step working on it, and applies the transition to the row as it is by then.
 */
@ApplicationScoped
public class RequestService {
    private final ProvisioningRequestRepository requests;
    private final RequestAccess access;
    private final Admission admission;
    private final Deprovisioning deprovisioning;
    private final TemplateCatalog templates;
    private final ProvisioningPolicy policy;
    private final Lifecycle lifecycle;
    private final Event<RequestChanged> changed;
    private final ClusterGateway cluster;

    public RequestService(ProvisioningRequestRepository requests, RequestAccess access, Admission admission,
            Deprovisioning deprovisioning, TemplateCatalog templates, ProvisioningPolicy policy, Lifecycle lifecycle,
            Event<RequestChanged> changed, ClusterGateway cluster) {
        this.requests = requests;
        this.access = access;
        this.admission = admission;
        this.deprovisioning = deprovisioning;
        this.templates = templates;
        this.policy = policy;
        this.lifecycle = lifecycle;
        this.changed = changed;
        this.cluster = cluster;
    }

    /** The accepted request, and whether this call created it (false: an Idempotency-Key retry). */
    public record Accepted(ProvisioningRequest request, boolean created) {
    }

    /** A new environment: admitted (the policy question included) first, then written by {@link #accept}. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Accepted requestEnvironment(Caller caller, NewEnvironment cmd, String idempotencyKey) {
        return request(caller, RequestKind.ENVIRONMENT, idempotencyKey,
                () -> admission.environment(caller, cmd, Instant.now()));
    }

    /** A new database, decided and written as {@link #requestEnvironment} is. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Accepted requestDatabase(Caller caller, NewDatabase cmd, String idempotencyKey) {
        return request(caller, RequestKind.DATABASE, idempotencyKey, () -> admission.database(caller, cmd));
    }

    /** The first result of an Idempotency-Key retry, else the admitted draft written by {@link #accept}. */
    private Accepted request(Caller caller, RequestKind kind, String idempotencyKey,
            Supplier<ProvisioningRequest.Draft> admit) {
        Optional<ProvisioningRequest> first = firstResult(caller, idempotencyKey, kind);
        return first.isPresent() ? new Accepted(first.get(), false) : accept(admit.get(), caller, idempotencyKey);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProvisioningRequest get(Caller caller, RequestKind kind, UUID id) {
        return access.visible(caller, id, kind);
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ProvisioningRequest delete(Caller caller, RequestKind kind, UUID id) {
        ProvisioningRequest seen = access.visible(caller, id, kind);
        RequestAccess.require(policy.mayDelete(caller, seen), "you may not delete this " + kind.name().toLowerCase());
        return inTransaction(() -> {
            ProvisioningRequest r = access.forChange(id);
            if (r.deletable()) {
                deprovisioning.deprovision(r, caller, "deleted by " + caller.username(), Instant.now());
            }
            return r;
        });
    }

    /**
     * Extends an expiring environment so that it expires {@code ttlText} from now. A database lives as long as its
     * environment, so extending a database extends its environment (and every database in it).
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ProvisioningRequest extend(Caller caller, RequestKind kind, UUID id, String ttlText) {
        ProvisioningRequest seen = access.changeable(caller, id, kind);
        if (kind == RequestKind.DATABASE) {
            // Every database names its environment.
            RequestAccess.require(policy.mayChange(caller, requests.findById(seen.environmentId())),
                    "you may not extend the environment of this database");
        }
        return inTransaction(() -> {
            // A database's environment is locked before the database, the order a deletion takes: two changes never
            // wait for each other in a cycle.
            ProvisioningRequest databaseEnvironment = kind == RequestKind.DATABASE
                    ? access.forChange(seen.environmentId())
                    : null;
            ProvisioningRequest r = access.forChange(id);
            ProvisioningRequest environment = kind == RequestKind.DATABASE ? databaseEnvironment : r;
            Template template = templates.find(environment.templateId()).orElseThrow(
                    () -> new UnprocessableException("template '" + r.templateId() + "' no longer exists"));
            if (template.ttl() == null || environment.expiresAt() == null) {
                throw new UnprocessableException("environments of template '" + environment.templateId()
                        + "' do not expire" + (kind == RequestKind.DATABASE ? ", nor do their databases" : ""));
            }
            r.requireExtensible();
            environment.requireExtensible();
            List<Problem.Violation> violations = new ArrayList<>();
            Duration ttl = Admission.ttl(template, ttlText, violations);
            if (!violations.isEmpty()) {
                throw new InvalidInputException("the request is invalid", violations);
            }
            Instant now = Instant.now();
            environment.expireAt(now.plus(ttl), now);
            lifecycle.note(environment, caller, "extend", "expires " + environment.expiresAt());
            for (ProvisioningRequest db : requests.databasesOfForChange(environment.id())) {
                if (db.live()) {
                    db.expireAt(environment.expiresAt(), now);
                }
            }
            wakeIfDue(environment, now);
            return r;
        });
    }

    /** Tries a FAILED request again from its first step; see {@link ProvisioningRequest#retry}. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ProvisioningRequest retry(Caller caller, RequestKind kind, UUID id) {
        access.changeable(caller, id, kind);
        return inTransaction(() -> {
            ProvisioningRequest r = access.forChange(id);
            ProvisioningRequest environment = kind == RequestKind.DATABASE ? requests.findById(r.environmentId())
                    : null;
            Instant now = Instant.now();
            lifecycle.record(r, caller, r.retry(caller.username(), environment, now));
            wakeIfDue(r, now);
            return r;
        });
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ProvisioningRequest decide(Caller caller, UUID id, boolean approve, String reason) {
        ProvisioningRequest seen = access.visible(caller, id, null);
        if (caller.username().equals(seen.requestedBy())) {
            // access-service says so too; checked here first for a message that names the reason plainly.
            throw new NotPermittedException("a request cannot be decided by its requester");
        }
        RequestAccess.require(policy.mayDecide(caller, seen), "only a lead of team '" + seen.team()
                + "' or a platform-admin may decide this request");
        return inTransaction(() -> {
            ProvisioningRequest r = access.forChange(id);
            Instant now = Instant.now();
            lifecycle.record(r, caller, approve ? r.approve(caller.username(), reason, now)
                    : r.deny(caller.username(), reason, now));
            wakeIfDue(r, now);
            return r;
        });
    }

    /** Where a database's credentials are; {@code values} only on the first read. */
    public record Credentials(ProvisioningRequest request, Map<String, String> values) {
    }

    /**
     * Shows the credentials once to a member of the owning team, later only where the Secret is. The row is
     * locked while the Secret is read and marked shown, so that two concurrent first reads cannot both see the
     * password.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Credentials credentials(Caller caller, UUID id) {
        ProvisioningRequest seen = access.visible(caller, id, RequestKind.DATABASE);
        if (!caller.teams().contains(seen.team())) {
            throw new NotPermittedException("only members of team '" + seen.team() + "' may read its credentials");
        }
        return inTransaction(() -> {
            ProvisioningRequest r = access.forChange(id);
            r.requireCredentialsReady();
            if (r.credentialsRevealed()) {
                lifecycle.note(r, caller, "credentials.read", "already shown once; Secret name only");
                return new Credentials(r, null);
            }
            Map<String, String> values;
            try {
                values = cluster.readSecret(r.namespace(), r.secretName()).orElseThrow(
                        () -> new ConflictException("the credentials Secret is missing; rotate to recreate it"));
            } catch (ExternalFailure f) {
                throw new UpstreamUnavailableException(f.getMessage());
            }
            r.credentialsShown();
            lifecycle.note(r, caller, "credentials.reveal", null);
            return new Credentials(r, values);
        });
    }

    /** Asks the reconciler for a new password (server and Secret); the new one can be shown once again. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ProvisioningRequest rotate(Caller caller, UUID id) {
        access.changeable(caller, id, RequestKind.DATABASE);
        return inTransaction(() -> {
            ProvisioningRequest r = access.forChange(id);
            Instant now = Instant.now();
            r.requestRotation(now);
            lifecycle.note(r, caller, "rotate", "rotation requested");
            wakeIfDue(r, now);
            return r;
        });
    }

    /**
     * Writes an admitted request in a short transaction: the Idempotency-Key is locked and looked up again (a
     * concurrent request with the same key may have been written since the first look, and its result is returned),
     * then the team's state is checked under the team's lock and the request is created and accepted.
     */
    private Accepted accept(ProvisioningRequest.Draft draft, Caller caller, String idempotencyKey) {
        return inTransaction(() -> {
            if (hasKey(idempotencyKey)) {
                requests.lock("idempotency:" + caller.username() + ":" + idempotencyKey);
                Optional<ProvisioningRequest> first = firstResult(caller, idempotencyKey, draft.kind());
                if (first.isPresent()) {
                    return new Accepted(first.get(), false);
                }
            }
            admission.admit(draft);
            Instant now = Instant.now();
            ProvisioningRequest r = ProvisioningRequest.create(draft, caller.username(), idempotencyKey, now);
            requests.persist(r);
            lifecycle.created(r, caller);
            lifecycle.record(r, caller, r.accept(caller.username(), now));
            wakeIfDue(r, now);
            return new Accepted(r, true);
        });
    }

    private static <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    /** Tells the reconciler, once this transaction commits, that the request has work now. */
    private void wakeIfDue(ProvisioningRequest r, Instant now) {
        if (r.dueBy(now)) {
            changed.fire(new RequestChanged(r.id()));
        }
    }

    private static boolean hasKey(String idempotencyKey) {
        return idempotencyKey != null && !idempotencyKey.isBlank();
    }

    /** The request an earlier call with this Idempotency-Key created, if any. */
    private Optional<ProvisioningRequest> firstResult(Caller caller, String key, RequestKind kind) {
        if (!hasKey(key)) {
            return Optional.empty();
        }
        if (key.length() > 200) {
            throw new InvalidInputException("Idempotency-Key is too long",
                    List.of(new Problem.Violation("Idempotency-Key", "must be at most 200 characters")));
        }
        Optional<ProvisioningRequest> first = requests.findByIdempotencyKey(caller.username(), key);
        if (first.isPresent() && first.get().kind() != kind) {
            throw new UnprocessableException("this Idempotency-Key was used for a "
                    + first.get().kind().name().toLowerCase() + " request");
        }
        return first;
    }
}
