package dev.runway.access.policy;

import java.util.List;
import java.util.Set;

/**
 * What access-service knows about a subject beyond its token: the role bindings held by the user or one of its
 * teams (expired ones included, the policy ignores them) and the teams it leads.
 */
public record PolicyFacts(List<PolicyBinding> bindings, Set<String> ledTeams) {
    public PolicyFacts {
        bindings = List.copyOf(bindings);
        ledTeams = Set.copyOf(ledTeams);
    }
}
