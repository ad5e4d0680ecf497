package dev.runway.provisioning.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.common.policy.AccessDecisions;
import dev.runway.common.policy.Actions;
import dev.runway.common.policy.Decision;
import dev.runway.common.policy.DecisionRequest;
import dev.runway.common.policy.DecisionResource;
import dev.runway.common.policy.Reach;
import dev.runway.common.security.Caller;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;

/**
 * Asks access-service's policy decision point, failing closed (503 when it cannot answer, never "allow").
 *
 * <p>As in catalog-service, the caller's own bearer token ({@link Caller#bearerToken()}) is forwarded and no
 * explicit subject is sent, so access-service decides about the identity it verified itself and its decision
 * audit names the real user.
 *
 * <p>What a question is about: an environment is {@code environment:<id>}; a database is asked about as part of
 * its environment ({@code environment:<environment id>}), so that a role binding on an environment covers its
 * databases; a new request, which has no id yet, is asked about its team ({@code team:<name>}). The owner is the
 * team, the tier is the environment's template (access-service knows that {@code production} needs an approver),
 * and the requester is named so that access-service never lets requesters approve their own requests.
 */
@ApplicationScoped
public class AccessServiceProvisioningPolicy implements ProvisioningPolicy {
    private final AccessDecisions decisions;

    public AccessServiceProvisioningPolicy(AccessDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public Reach reach(Caller caller, RequestKind kind) {
        return decisions.reach(caller.bearerToken(), read(kind));
    }

    @Override
    public boolean maySeeAll(Caller caller, RequestKind kind) {
        // No owner and no id of anything in particular: only platform-wide rules and global bindings reach it.
        DecisionResource everything = new DecisionResource(kind == RequestKind.DATABASE ? "database" : "environment",
                null, Map.of());
        return ask(caller, read(kind), everything).allowed();
    }

    @Override
    public List<Boolean> maySee(Caller caller, List<ProvisioningRequest> requests) {
        List<DecisionRequest> questions = new ArrayList<>(requests.size());
        for (ProvisioningRequest r : requests) {
            questions.add(DecisionRequest.forCaller(read(r.kind()), resource(r)));
        }
        return decisions.decideAll(caller.bearerToken(), questions).stream().map(Decision::allowed).toList();
    }

    @Override
    public Decision mayRequest(Caller caller, RequestKind kind, String team, String tier) {
        return ask(caller, request(kind), DecisionResource.team(team, tier, caller.username()));
    }

    @Override
    public Decision mayChange(Caller caller, ProvisioningRequest r) {
        return ask(caller, request(r.kind()), resource(r));
    }

    @Override
    public Decision mayDelete(Caller caller, ProvisioningRequest r) {
        return ask(caller, r.kind() == RequestKind.DATABASE ? Actions.DATABASE_DELETE : Actions.ENVIRONMENT_DELETE,
                resource(r));
    }

    @Override
    public Decision mayDecide(Caller caller, ProvisioningRequest r) {
        return ask(caller, Actions.ENVIRONMENT_APPROVE, resource(r));
    }

    private Decision ask(Caller caller, String action, DecisionResource resource) {
        return decisions.decide(caller.bearerToken(), DecisionRequest.forCaller(action, resource));
    }

    private static DecisionResource resource(ProvisioningRequest r) {
        UUID environment = r.kind() == RequestKind.DATABASE ? r.environmentId() : r.id();
        String tier = r.kind() == RequestKind.ENVIRONMENT ? r.templateId() : null;
        return DecisionResource.environment(environment, r.team(), tier, r.requestedBy());
    }

    private static String read(RequestKind kind) {
        return kind == RequestKind.DATABASE ? Actions.DATABASE_READ : Actions.ENVIRONMENT_READ;
    }

    private static String request(RequestKind kind) {
        return kind == RequestKind.DATABASE ? Actions.DATABASE_REQUEST : Actions.ENVIRONMENT_REQUEST;
    }
}
