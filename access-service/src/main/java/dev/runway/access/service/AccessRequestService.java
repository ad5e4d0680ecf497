package dev.runway.access.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.runway.access.config.AccessConfig;
import dev.runway.access.domain.AccessRequest;
import dev.runway.access.domain.AccessRequest.Status;
import dev.runway.access.domain.RoleBinding;
import dev.runway.access.policy.AccessRole;
import dev.runway.access.policy.PolicyEngine;
import dev.runway.access.policy.PolicyFacts;
import dev.runway.access.policy.Scopes;
import dev.runway.access.repository.AccessRequestRepository;
import dev.runway.access.repository.RoleBindingRepository;
import dev.runway.common.audit.AuditEvent;
import dev.runway.common.error.ConflictException;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.NotPermittedException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.policy.Actions;
import dev.runway.common.policy.Decision;
import dev.runway.common.policy.DecisionResource;
import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;

/**
 * Just-in-time access: a user asks for a role on a scope for a bounded time with a justification; a lead of the
 * scope's team or a platform-admin (never the requester, decided by the policy) approves or denies; approval
 * creates a grant, a role binding that expires on its own.
 */
@ApplicationScoped
public class AccessRequestService {
    private final AccessRequestRepository requests;
    private final RoleBindingRepository bindings;
    private final DecisionService decisions;
    private final AccessAudit audit;
    private final Event<AccessNotification> notifications;
    private final AccessConfig config;
    private final Clock clock;

    public AccessRequestService(AccessRequestRepository requests, RoleBindingRepository bindings,
            DecisionService decisions, AccessAudit audit, Event<AccessNotification> notifications, AccessConfig config,
            Clock clock) {
        this.requests = requests;
        this.bindings = bindings;
        this.decisions = decisions;
        this.audit = audit;
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
    }

    /** Role and scope arrive validated by their patterns; duration and justification are checked here. */
    public record NewRequest(String role, String scope, String duration, String justification) {
    }

    @Transactional
    public AccessRequest create(Caller caller, NewRequest input) {
        AccessRole role = AccessRole.of(input.role()).orElseThrow();
        Duration duration = checkDuration(role, input.duration());
        Instant now = clock.instant();
        if (requests.pendingExists(caller.username(), input.role(), input.scope(), now)) {
            throw new ConflictException("You already have a pending request for " + input.role() + " on "
                    + input.scope() + ".");
        }
        AccessRequest request = new AccessRequest();
        request.id = UUID.randomUUID();
        request.requester = caller.username();
        request.role = input.role();
        request.scope = input.scope();
        request.durationSeconds = duration.toSeconds();
        request.justification = input.justification().strip();
        request.status = Status.PENDING;
        request.createdAt = now;
        request.expiresAt = now.plus(config.requests().pendingTtl());
        requests.persist(request);
        Map<String, Object> details = details(request);
        details.put("justification", request.justification);
        audit.record(caller, "access-request.create", resource(request), AuditEvent.SUCCESS, null, details);
        notifications.fire(new AccessNotification(caller.username() + " requests " + request.role + " on " + request.scope
                + " for " + duration + ": " + request.justification));
        return request;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccessRequest> mine(Caller caller, int limit) {
        return requests.byRequester(caller.username(), limit);
    }

    /** Pending requests the caller may approve, oldest first, at most {@code limit}: the approvals inbox. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccessRequest> awaiting(Caller caller, int limit) {
        // The same policy as approve(), without auditing each row of a list page.
        Instant now = clock.instant();
        PolicyFacts facts = decisions.factsOf(caller.subject());
        return requests.pending(now).stream()
                .filter(r -> PolicyEngine.decide(caller.subject(), Actions.ACCESS_REQUEST_APPROVE, policyResource(r),
                        facts, now).allowed())
                .limit(limit)
                .toList();
    }

    /** A request is visible to its requester, whoever decided or may decide it, and auditors. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AccessRequest get(Caller caller, UUID id) {
        AccessRequest request = requests.findById(id);
        if (request == null || !(request.requester.equals(caller.username()) || caller.username().equals(request.decidedBy)
                || caller.isPlatformAdmin() || caller.has(Roles.AUDITOR)
                || PolicyEngine.decide(caller.subject(), Actions.ACCESS_REQUEST_APPROVE, policyResource(request),
                        decisions.factsOf(caller.subject()), clock.instant()).allowed())) {
            throw new ResourceNotFoundException("No access request " + id + ".");
        }
        return request;
    }

    // A refused approval is itself audited (by the decision), so it must not roll back.
    @Transactional(dontRollbackOn = NotPermittedException.class)
    public AccessRequest approve(Caller caller, UUID id, String comment) {
        AccessRequest request = decidable(caller, id);
        Instant now = clock.instant();
        RoleBinding grant = new RoleBinding();
        grant.id = UUID.randomUUID();
        grant.subject = "user:" + request.requester;
        grant.role = request.role;
        grant.scope = request.scope;
        grant.expiresAt = now.plusSeconds(request.durationSeconds);
        grant.createdAt = now;
        grant.createdBy = caller.username();
        grant.accessRequestId = request.id;
        bindings.persist(grant);
        request.status = Status.APPROVED;
        request.decidedBy = caller.username();
        request.decidedAt = now;
        request.decisionComment = blankToNull(comment);
        request.grantId = grant.id;
        Map<String, Object> details = details(request);
        details.put("grantId", grant.id.toString());
        details.put("grantExpiresAt", grant.expiresAt.toString());
        audit.record(caller, "access-request.approve", resource(request), AuditEvent.SUCCESS, comment, details);
        audit.record(caller, "grant.create", "role-binding:" + grant.id, AuditEvent.SUCCESS, null,
                RoleBindingService.details(grant));
        notifications.fire(new AccessNotification(caller.username() + " approved " + request.requester + "'s request for "
                + request.role + " on " + request.scope + " until " + grant.expiresAt
                + (request.decisionComment == null ? "" : ": " + request.decisionComment)));
        return request;
    }

    @Transactional(dontRollbackOn = NotPermittedException.class)
    public AccessRequest deny(Caller caller, UUID id, String comment) {
        AccessRequest request = decidable(caller, id);
        request.status = Status.DENIED;
        request.decidedBy = caller.username();
        request.decidedAt = clock.instant();
        request.decisionComment = comment.strip();
        audit.record(caller, "access-request.deny", resource(request), AuditEvent.SUCCESS, comment, details(request));
        notifications.fire(new AccessNotification(caller.username() + " denied " + request.requester + "'s request for "
                + request.role + " on " + request.scope + ": " + request.decisionComment));
        return request;
    }

    private AccessRequest decidable(Caller caller, UUID id) {
        AccessRequest request = requests.lock(id);
        if (request == null) {
            throw new ResourceNotFoundException("No access request " + id + ".");
        }
        Decision decision = decisions.decideFor(caller, Actions.ACCESS_REQUEST_APPROVE, policyResource(request));
        if (!decision.allowed()) {
            throw new NotPermittedException("You may not decide this request: " + decision.reason() + ".");
        }
        if (request.status != Status.PENDING) {
            throw new ConflictException("The request is " + request.status + ", no longer pending.");
        }
        if (!request.expiresAt.isAfter(clock.instant())) {
            throw new ConflictException("The request lapsed at " + request.expiresAt + " without a decision.");
        }
        return request;
    }

    static DecisionResource policyResource(AccessRequest request) {
        return new DecisionResource(resource(request), Scopes.team(request.scope).orElse(null),
                Map.of(DecisionResource.REQUESTER, request.requester));
    }

    private Duration checkDuration(AccessRole role, String text) {
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalidDuration("must be an ISO-8601 duration such as PT8H or P3D");
        }
        Duration cap = role.elevated() ? config.requests().elevatedMaxDuration() : config.requests().maxDuration();
        if (cap.compareTo(config.requests().maxDuration()) > 0) {
            cap = config.requests().maxDuration();
        }
        if (duration.isNegative() || duration.isZero()) {
            throw invalidDuration("must be positive");
        }
        if (duration.compareTo(cap) > 0) {
            throw invalidDuration("must be at most " + cap + " for role " + role.value());
        }
        return duration;
    }

    private static InvalidInputException invalidDuration(String message) {
        return new InvalidInputException("The requested duration is not allowed.",
                List.of(new Problem.Violation("duration", message)));
    }

    static String resource(AccessRequest request) {
        return "access-request:" + request.id;
    }

    static Map<String, Object> details(AccessRequest request) {
        Map<String, Object> details = new HashMap<>();
        details.put("requester", request.requester);
        details.put("role", request.role);
        details.put("scope", request.scope);
        details.put("durationSeconds", request.durationSeconds);
        details.put("status", request.status.name());
        return details;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
