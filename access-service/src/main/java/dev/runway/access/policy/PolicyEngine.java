package dev.runway.access.policy;

import static dev.runway.common.policy.Actions.ACCESS_REQUEST_APPROVE;
import static dev.runway.common.policy.Actions.AUDIT_READ;
import static dev.runway.common.policy.Actions.CATALOG_ENTITY_DELETE;
import static dev.runway.common.policy.Actions.CATALOG_ENTITY_READ;
import static dev.runway.common.policy.Actions.CATALOG_ENTITY_WRITE;
import static dev.runway.common.policy.Actions.DATABASE_DELETE;
import static dev.runway.common.policy.Actions.DATABASE_READ;
import static dev.runway.common.policy.Actions.DATABASE_REQUEST;
import static dev.runway.common.policy.Actions.ENVIRONMENT_APPROVE;
import static dev.runway.common.policy.Actions.ENVIRONMENT_DELETE;
import static dev.runway.common.policy.Actions.ENVIRONMENT_READ;
import static dev.runway.common.policy.Actions.ENVIRONMENT_REQUEST;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.runway.common.policy.Actions;
import dev.runway.common.policy.Decision;
import dev.runway.common.policy.DecisionResource;
import dev.runway.common.policy.DecisionSubject;
import dev.runway.common.policy.Reach;
import dev.runway.common.security.Roles;

/**
 * Runway's policy in one place: a few built-in rules plus the role bindings held by the subject. Pure and
 * deterministic (time is an argument), so the whole policy is unit-tested as a table. Deny by default; an expired
 * binding never counts, whether or not the expiry job has removed it yet.
 *
 * <p>Rules, in order: unknown actions are denied; an approver is never the requester; platform-admins may do
 * anything; auditors may read the audit log, environments and databases; every signed-in user may read the catalog; Runway's services may
 * write and delete catalog Resource entities (what they provision); members of the owning team
 * may write its entities, read, request and delete its environments and databases; leads of the owning
 * team may approve for it (production environments need such an approver); finally a live role binding of the
 * user or one of its teams allows its role's actions on its scope.
 */
public final class PolicyEngine {
    private static final Set<String> APPROVALS = Set.of(ENVIRONMENT_APPROVE, ACCESS_REQUEST_APPROVE);
    private static final Set<String> TEAM_MEMBER_ACTIONS = Set.of(CATALOG_ENTITY_WRITE, CATALOG_ENTITY_DELETE,
            ENVIRONMENT_READ, ENVIRONMENT_REQUEST, ENVIRONMENT_DELETE, DATABASE_READ, DATABASE_REQUEST,
            DATABASE_DELETE);
    /** Auditors look at everything the platform holds, and change nothing. */
    private static final Set<String> AUDITOR_ACTIONS = Set.of(AUDIT_READ, ENVIRONMENT_READ, DATABASE_READ);

    private PolicyEngine() {
    }

    public static Decision decide(DecisionSubject subject, String action, DecisionResource resource, PolicyFacts facts,
            Instant now) {
        if (!Actions.isKnown(action)) {
            return Decision.deny("unknown action " + action);
        }
        String owner = blankToNull(resource.owner());
        if (APPROVALS.contains(action) && subject.name().equals(resource.attribute(DecisionResource.REQUESTER))) {
            return Decision.deny("an approver is never the requester");
        }
        if (subject.roles().contains(Roles.PLATFORM_ADMIN)) {
            return Decision.allow("platform-admin may do anything", null);
        }
        if (AUDITOR_ACTIONS.contains(action) && subject.roles().contains(Roles.AUDITOR)) {
            return Decision.allow(AUDIT_READ.equals(action) ? "auditors may read the audit log"
                    : "auditors may read what the platform holds", null);
        }
        if (CATALOG_ENTITY_READ.equals(action)) {
            return Decision.allow("the catalog is readable by every signed-in user", null);
        }
        // The platform registers what it provisions (environments, databases) as Resource entities; its own
        // service accounts may keep those in step, and nothing else in the catalog.
        if ((CATALOG_ENTITY_WRITE.equals(action) || CATALOG_ENTITY_DELETE.equals(action))
                && subject.roles().contains(Roles.SERVICE) && isResourceEntity(resource)) {
            return Decision.allow("Runway services register the resources they provision", null);
        }
        if (owner != null && TEAM_MEMBER_ACTIONS.contains(action) && subject.teams().contains(owner)) {
            boolean needsApprover = ENVIRONMENT_REQUEST.equals(action)
                    && DecisionResource.PRODUCTION.equals(resource.attribute(DecisionResource.TIER));
            return Decision.allow("member of the owning team " + owner
                    + (needsApprover ? "; a production environment needs an approver" : ""), null);
        }
        if (owner != null && APPROVALS.contains(action) && facts.ledTeams().contains(owner)) {
            return Decision.allow("lead of the owning team " + owner, null);
        }
        Optional<PolicyBinding> expired = Optional.empty();
        for (PolicyBinding binding : facts.bindings()) {
            if (!holds(subject, binding) || !Scopes.covers(binding.scope(), resource)
                    || !AccessRole.of(binding.role()).map(r -> r.allows(action)).orElse(false)) {
                continue;
            }
            if (binding.liveAt(now)) {
                return Decision.allow("role " + binding.role() + " on " + binding.scope(), binding.describe());
            }
            expired = Optional.of(binding);
        }
        return expired
                .map(b -> Decision.deny("role binding " + b.id() + " expired at " + b.expiresAt()))
                .orElseGet(() -> Decision.deny("no rule or role binding allows " + action + " on " + resource.id()));
    }

    private static boolean isResourceEntity(DecisionResource resource) {
        return resource.entityRef().filter(ref -> "resource".equals(ref.kind())).isPresent();
    }

    /**
     * Where {@code action} may apply for the subject, rule by rule as {@link #decide} allows it: every resource that
     * {@code decide} would allow lies within the answer ({@code PolicyEngineTest} holds the two together). The
     * requester rule only denies, so it is left to the decision of each candidate.
     */
    public static Reach reach(DecisionSubject subject, String action, PolicyFacts facts, Instant now) {
        if (!Actions.isKnown(action)) {
            return new Reach(false, List.of(), List.of());
        }
        if (subject.roles().contains(Roles.PLATFORM_ADMIN)
                || (AUDITOR_ACTIONS.contains(action) && subject.roles().contains(Roles.AUDITOR))
                || CATALOG_ENTITY_READ.equals(action)
                // Resource entities of any owner: not a set of teams or ids.
                || ((CATALOG_ENTITY_WRITE.equals(action) || CATALOG_ENTITY_DELETE.equals(action))
                        && subject.roles().contains(Roles.SERVICE))) {
            return Reach.all();
        }
        Set<String> teams = new TreeSet<>();
        Set<String> resources = new TreeSet<>();
        if (TEAM_MEMBER_ACTIONS.contains(action)) {
            teams.addAll(subject.teams());
        }
        if (APPROVALS.contains(action)) {
            teams.addAll(facts.ledTeams());
        }
        for (PolicyBinding binding : facts.bindings()) {
            if (!holds(subject, binding) || !binding.liveAt(now)
                    || !AccessRole.of(binding.role()).map(r -> r.allows(action)).orElse(false)) {
                continue;
            }
            if (Scopes.GLOBAL.equals(binding.scope())) {
                return Reach.all();
            }
            // A team scope reaches the team's resources and the team itself as a resource (see Scopes.covers).
            Scopes.team(binding.scope()).ifPresent(teams::add);
            resources.add(binding.scope());
        }
        return new Reach(false, List.copyOf(teams), List.copyOf(resources));
    }

    private static boolean holds(DecisionSubject subject, PolicyBinding binding) {
        String s = binding.subject();
        return s.equals("user:" + subject.name())
                || (s.startsWith("team:") && subject.teams().contains(s.substring(5)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
