package dev.runway.access.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.runway.access.audit.AuditEntry;
import dev.runway.access.audit.AuditGroupCommit;
import dev.runway.access.policy.PolicyEngine;
import dev.runway.access.policy.PolicyFacts;
import dev.runway.access.repository.PolicyFactsRepository;
import dev.runway.common.audit.AuditEvent;
import dev.runway.common.error.NotPermittedException;
import dev.runway.common.policy.Decision;
import dev.runway.common.policy.DecisionRequest;
import dev.runway.common.policy.DecisionResource;
import dev.runway.common.policy.DecisionSubject;
import dev.runway.common.policy.Reach;
import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The policy decision point: gathers the facts, asks {@link PolicyEngine}, and audits every decision. */
@ApplicationScoped
public class DecisionService {
    private final PolicyFactsRepository facts;
    private final TeamService teams;
    private final AccessAudit audit;
    private final AuditGroupCommit groupCommit;
    private final EntityManager entityManager;
    private final Clock clock;

    public DecisionService(PolicyFactsRepository facts, TeamService teams, AccessAudit audit,
            AuditGroupCommit groupCommit, EntityManager entityManager, Clock clock) {
        this.facts = facts;
        this.teams = teams;
        this.audit = audit;
        this.groupCommit = groupCommit;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A question asked through the API: decided, then answered once its audit record is committed. */
    public Decision decide(Caller caller, DecisionRequest request) {
        return decideAll(caller, List.of(request)).get(0);
    }

    /**
     * Questions asked through the API. Their audit records go through the group commit, so concurrent askers share
     * one audit transaction instead of queueing for the chain lock one commit at a time. The facts are one
     * statement, a snapshot of its own, so reading them needs no transaction of ours.
     */
    public List<Decision> decideAll(Caller caller, List<DecisionRequest> requests) {
        Evaluated evaluated = evaluate(caller, requests);
        groupCommit.appendAndWait(evaluated.entries());
        return evaluated.decisions();
    }

    /**
     * Where the caller's {@code action} may apply. Not audited: it decides nothing about any resource (each candidate
     * is decided, and audited, when the asker acts on it) and tells callers only what their own bindings say.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Reach reach(Caller caller, String action) {
        return PolicyEngine.reach(caller.subject(), action, factsOf(caller.subject()), clock.instant());
    }

    /** For access-service's own checks (approvals, revocations): audited in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Decision decideFor(Caller caller, String action, DecisionResource resource) {
        Evaluated evaluated = evaluate(caller, List.of(DecisionRequest.forCaller(action, resource)));
        // Appended last: the audit chain is serialised, so its lock is held only from here to the commit.
        audit.recordAll(evaluated.entries());
        return evaluated.decisions().get(0);
    }

    private record Evaluated(List<Decision> decisions, List<AuditEntry> entries) {
    }

    private Evaluated evaluate(Caller caller, List<DecisionRequest> requests) {
        for (DecisionRequest request : requests) {
            if (request.subject() != null && !caller.has(Roles.SERVICE)) {
                throw new NotPermittedException(
                        "Only a caller holding the service role may ask about another subject; omit subject to ask about yourself.");
            }
        }
        Instant now = clock.instant();
        Map<String, PolicyFacts> factsBySubject = new HashMap<>();
        List<Decision> decisions = new ArrayList<>(requests.size());
        List<AuditEntry> entries = new ArrayList<>(requests.size());
        for (DecisionRequest request : requests) {
            DecisionSubject subject = request.subject() == null ? caller.subject() : request.subject();
            PolicyFacts facts = factsBySubject.computeIfAbsent(subject.name() + '\n' + subject.teams(),
                    k -> factsOf(subject));
            Decision decision = PolicyEngine.decide(subject, request.action(), request.resource(), facts, now);
            entries.add(entry(caller, subject, request.action(), request.resource(), decision));
            decisions.add(decision);
        }
        return new Evaluated(decisions, entries);
    }

    /** What the policy needs to know about a subject beyond its token (bindings held, teams led). */
    public PolicyFacts factsOf(DecisionSubject subject) {
        teams.recordSeen(subject.name(), null, subject.teams());
        if (QuarkusTransaction.isActive()) {
            // Read in SQL, not through Hibernate, whose queries would first flush what this transaction changed.
            entityManager.flush();
        }
        return facts.of(subject.name(), subject.teams());
    }

    private static AuditEntry entry(Caller caller, DecisionSubject subject, String action, DecisionResource resource,
            Decision decision) {
        Map<String, Object> details = new HashMap<>();
        details.put("action", action);
        if (resource.owner() != null) {
            details.put("owner", resource.owner());
        }
        if (!resource.attributes().isEmpty()) {
            details.put("attributes", resource.attributes());
        }
        if (decision.matchedBinding() != null) {
            details.put("matchedBinding", decision.matchedBinding());
        }
        Caller actor = caller;
        if (!subject.name().equals(caller.username())) {
            // Asked by a service about a user: the user is the actor, the service is named as the asker.
            details.put("askedBy", caller.username());
            actor = Caller.of(subject, caller.requestId(), caller.clientAddress());
        }
        return AccessAudit.entry(actor, "decision:" + action, resource.id(), decision.allowed() ? AuditEvent.ALLOW : AuditEvent.DENY,
                decision.reason(), details);
    }
}
