package dev.runway.catalog.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.common.catalog.EntityRef;
import dev.runway.common.policy.AccessDecisions;
import dev.runway.common.policy.Actions;
import dev.runway.common.policy.Decision;
import dev.runway.common.policy.DecisionRequest;
import dev.runway.common.policy.DecisionResource;
import dev.runway.common.security.Caller;

/**
 * Asks access-service's policy decision point, failing closed (503 when it cannot answer, never "allow").
 *
 * <p>The caller's own bearer token ({@link Caller#bearerToken()}) is forwarded and the question carries no explicit
 * subject: access-service then decides about the identity it verified itself, rather than trusting teams and roles
 * that catalog-service would copy into a {@code DecisionSubject}, and its decision audit names the real user. Catalog
 * tokens carry the shared audience {@code runway-api}, so access-service accepts them.
 *
 * <p>The PDP's rules for catalog writes: platform-admins may write anything; members of the owning team may write
 * and delete its entities; otherwise only a live role binding on the entity's scope allows it. A write is asked
 * about the entity's current owner and, when the owner is new or changes, about the new owner too — so the owner
 * of a new entity must be a team the caller belongs to unless platform-admin (or bound by a role binding). Service
 * accounts have no built-in rule in the PDP: a Runway service writes only where a role binding allows it.
 */
@ApplicationScoped
public class AccessServiceCatalogPolicy implements CatalogPolicy {
    private final AccessDecisions decisions;

    public AccessServiceCatalogPolicy(AccessDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public List<Decision> mayWriteAll(Caller caller, List<WriteCheck> checks) {
        List<DecisionRequest> requests = new ArrayList<>();
        List<Integer> requestsPerCheck = new ArrayList<>(checks.size());
        for (WriteCheck check : checks) {
            List<DecisionRequest> forCheck = requests(check);
            requests.addAll(forCheck);
            requestsPerCheck.add(forCheck.size());
        }
        List<Decision> answers = decisions.decideAll(caller.bearerToken(), requests);
        List<Decision> result = new ArrayList<>(checks.size());
        int next = 0;
        for (int count : requestsPerCheck) {
            result.add(combine(answers.subList(next, next + count)));
            next += count;
        }
        return result;
    }

    private static List<DecisionRequest> requests(WriteCheck check) {
        EntityRef ref = EntityRef.parse(check.ref());
        if (check.newOwnerRef() == null && !check.isNew()) {
            return List.of(DecisionRequest.forCaller(Actions.CATALOG_ENTITY_DELETE,
                    resource(ref, check.currentOwnerRef())));
        }
        List<DecisionRequest> requests = new ArrayList<>(2);
        String newTeam = team(check.newOwnerRef());
        if (!check.isNew()) {
            String currentTeam = team(check.currentOwnerRef());
            requests.add(DecisionRequest.forCaller(Actions.CATALOG_ENTITY_WRITE, resource(ref, check.currentOwnerRef())));
            if (Objects.equals(currentTeam, newTeam)) {
                return requests;
            }
        }
        requests.add(DecisionRequest.forCaller(Actions.CATALOG_ENTITY_WRITE, resource(ref, check.newOwnerRef())));
        return requests;
    }

    private static DecisionResource resource(EntityRef ref, String ownerRef) {
        return DecisionResource.entity(ref, team(ownerRef));
    }

    private static String team(String ownerRef) {
        return EntityRef.team(ownerRef).orElse(null);
    }

    /** Allowed only when every question was; the first denial's reason is the caller's answer. */
    private static Decision combine(List<Decision> answers) {
        for (Decision answer : answers) {
            if (!answer.allowed()) {
                return answer;
            }
        }
        return answers.get(answers.size() - 1);
    }
}
