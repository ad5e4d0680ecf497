package dev.runway.access.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.runway.common.policy.Actions;
import dev.runway.common.policy.Decision;
import dev.runway.common.policy.Decision.Effect;
import dev.runway.common.policy.DecisionResource;
import dev.runway.common.policy.DecisionSubject;
import dev.runway.common.policy.Reach;

/** The whole policy as a table: subject, action, resource, facts → expected effect and reason. */
class PolicyEngineTest {
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    private static final DecisionSubject ALICE = new DecisionSubject("alice", List.of("payments"), List.of("developer"));
    private static final DecisionSubject BOB = new DecisionSubject("bob", List.of("payments"), List.of("developer"));
    private static final DecisionSubject CAROL = new DecisionSubject("carol", List.of("search"), List.of("developer"));
    private static final DecisionSubject DAVE = new DecisionSubject("dave", List.of(), List.of("platform-admin"));
    private static final DecisionSubject ERIN = new DecisionSubject("erin", List.of(), List.of("auditor"));
    private static final DecisionSubject PROVISIONING = new DecisionSubject("service-account-provisioning-service",
            List.of(), List.of("service"));
    private static final DecisionResource PAYMENTS_DEV_RESOURCE = DecisionResource.entity("Resource", "default",
            "payments-dev", "payments");

    private static final DecisionResource PAYMENTS_API = DecisionResource.entity("Component", "default", "payments-api", "payments");
    private static final DecisionResource PROD_BY_ALICE = DecisionResource.environment("payments-prod", "payments", "production", "alice");
    private static final DecisionResource PROD_BY_CAROL = DecisionResource.environment("search-prod", "search", "production", "carol");
    private static final DecisionResource DEV_ENV = DecisionResource.environment("payments-dev", "payments", "development", null);
    private static final DecisionResource ACCESS_REQUEST = new DecisionResource("access-request:1", "payments",
            Map.of(DecisionResource.REQUESTER, "alice"));

    private static final PolicyFacts NONE = new PolicyFacts(List.of(), Set.of());
    private static final PolicyFacts BOB_LEADS_PAYMENTS = new PolicyFacts(List.of(), Set.of("payments"));

    private static PolicyFacts bindings(PolicyBinding... bindings) {
        return new PolicyFacts(List.of(bindings), Set.of());
    }

    private static PolicyBinding binding(String subject, String role, String scope, Instant expiresAt) {
        return new PolicyBinding("b1", subject, role, scope, expiresAt);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // subject, action, resource, facts, expected, reason fragment
                Arguments.of(ALICE, "catalog.entity.nuke", PAYMENTS_API, NONE, Effect.DENY, "unknown action"),
                Arguments.of(DAVE, "catalog.entity.nuke", PAYMENTS_API, NONE, Effect.DENY, "unknown action"),
                Arguments.of(DAVE, Actions.CATALOG_ENTITY_DELETE, PAYMENTS_API, NONE, Effect.ALLOW, "platform-admin"),
                Arguments.of(PROVISIONING, Actions.CATALOG_ENTITY_WRITE, PAYMENTS_DEV_RESOURCE, NONE, Effect.ALLOW,
                        "register the resources"),
                Arguments.of(PROVISIONING, Actions.CATALOG_ENTITY_DELETE, PAYMENTS_DEV_RESOURCE, NONE, Effect.ALLOW,
                        "register the resources"),
                Arguments.of(PROVISIONING, Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API, NONE, Effect.DENY,
                        "no rule or role binding"),
                Arguments.of(ALICE, Actions.CATALOG_ENTITY_WRITE, DecisionResource.entity("Resource", "default",
                        "search-db", "search"), NONE, Effect.DENY, "no rule or role binding"),
                Arguments.of(DAVE, Actions.AUDIT_READ, DecisionResource.AUDIT_LOG, NONE, Effect.ALLOW, "platform-admin"),
                Arguments.of(ERIN, Actions.AUDIT_READ, DecisionResource.AUDIT_LOG, NONE, Effect.ALLOW, "auditors"),
                Arguments.of(ALICE, Actions.AUDIT_READ, DecisionResource.AUDIT_LOG, NONE, Effect.DENY, "no rule"),
                Arguments.of(ERIN, Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API, NONE, Effect.DENY, "no rule"),
                Arguments.of(ERIN, Actions.ENVIRONMENT_READ, DEV_ENV, NONE, Effect.ALLOW, "auditors may read what"),
                Arguments.of(ERIN, Actions.DATABASE_READ, new DecisionResource("database", null, Map.of()), NONE,
                        Effect.ALLOW, "auditors may read what"),
                Arguments.of(ERIN, Actions.ENVIRONMENT_DELETE, DEV_ENV, NONE, Effect.DENY, "no rule"),
                Arguments.of(ALICE, Actions.ENVIRONMENT_READ, new DecisionResource("environment", null, Map.of()), NONE,
                        Effect.DENY, "no rule"),
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_READ, PAYMENTS_API, NONE, Effect.ALLOW, "readable"),
                Arguments.of(ALICE, Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API, NONE, Effect.ALLOW, "owning team payments"),
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API, NONE, Effect.DENY, "no rule"),
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_WRITE,
                        new DecisionResource("entity:component:default/orphan", null, Map.of()), NONE, Effect.DENY, "no rule"),
                Arguments.of(ALICE, Actions.ENVIRONMENT_REQUEST, DEV_ENV, NONE, Effect.ALLOW, "owning team payments"),
                Arguments.of(ALICE, Actions.ENVIRONMENT_REQUEST, PROD_BY_ALICE, NONE, Effect.ALLOW, "needs an approver"),
                Arguments.of(CAROL, Actions.ENVIRONMENT_REQUEST, DEV_ENV, NONE, Effect.DENY, "no rule"),
                Arguments.of(ALICE, Actions.ENVIRONMENT_DELETE, DEV_ENV, NONE, Effect.ALLOW, "owning team payments"),
                Arguments.of(CAROL, Actions.ENVIRONMENT_DELETE, DEV_ENV, NONE, Effect.DENY, "no rule"),
                Arguments.of(ALICE, Actions.DATABASE_DELETE, DEV_ENV, NONE, Effect.ALLOW, "owning team payments"),
                Arguments.of(CAROL, Actions.DATABASE_READ, DEV_ENV, NONE, Effect.DENY, "no rule"),
                Arguments.of(ALICE, Actions.DATABASE_REQUEST,
                        new DecisionResource("database:payments-db", "payments", Map.of()), NONE, Effect.ALLOW, "owning team"),
                // production approval: a lead of the team or a platform-admin, never the requester
                Arguments.of(BOB, Actions.ENVIRONMENT_APPROVE, PROD_BY_ALICE, BOB_LEADS_PAYMENTS, Effect.ALLOW, "lead of the owning team payments"),
                Arguments.of(ALICE, Actions.ENVIRONMENT_APPROVE, PROD_BY_ALICE, NONE, Effect.DENY, "never the requester"),
                Arguments.of(BOB, Actions.ENVIRONMENT_APPROVE, PROD_BY_CAROL, BOB_LEADS_PAYMENTS, Effect.DENY, "no rule"),
                Arguments.of(DAVE, Actions.ENVIRONMENT_APPROVE, PROD_BY_ALICE, NONE, Effect.ALLOW, "platform-admin"),
                Arguments.of(DAVE, Actions.ENVIRONMENT_APPROVE,
                        DecisionResource.environment("x", "payments", "production", "dave"), NONE, Effect.DENY, "never the requester"),
                Arguments.of(BOB, Actions.ACCESS_REQUEST_APPROVE, ACCESS_REQUEST, BOB_LEADS_PAYMENTS, Effect.ALLOW, "lead"),
                Arguments.of(ALICE, Actions.ACCESS_REQUEST_APPROVE, ACCESS_REQUEST, NONE, Effect.DENY, "never the requester"),
                Arguments.of(BOB, Actions.ACCESS_REQUEST_APPROVE, ACCESS_REQUEST, NONE, Effect.DENY, "no rule"),
                // explicit bindings grant their role's actions on their scope only
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API,
                        bindings(binding("user:carol", "developer", "team:payments", null)), Effect.ALLOW, "role developer on team:payments"),
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_DELETE, PAYMENTS_API,
                        bindings(binding("user:carol", "developer", "team:payments", null)), Effect.DENY, "no rule"),
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_DELETE, PAYMENTS_API,
                        bindings(binding("team:search", "maintainer", "entity:Component:default/payments-api", null)), Effect.ALLOW, "maintainer"),
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_DELETE, PAYMENTS_API,
                        bindings(binding("team:search", "maintainer", "entity:component:default/other", null)), Effect.DENY, "no rule"),
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API,
                        bindings(binding("user:alice", "owner", "global", null)), Effect.DENY, "no rule"),
                Arguments.of(CAROL, Actions.AUDIT_READ, DecisionResource.AUDIT_LOG,
                        bindings(binding("user:carol", "auditor", "global", null)), Effect.ALLOW, "role auditor on global"),
                Arguments.of(CAROL, Actions.ENVIRONMENT_DELETE, DecisionResource.environment("e1", "payments", null, null),
                        bindings(binding("user:carol", "maintainer", "environment:e1", null)), Effect.ALLOW, "environment:e1"),
                Arguments.of(CAROL, Actions.ENVIRONMENT_APPROVE, PROD_BY_ALICE,
                        bindings(binding("user:carol", "approver", "team:payments", null)), Effect.ALLOW, "approver"),
                Arguments.of(CAROL, Actions.ENVIRONMENT_APPROVE, PROD_BY_CAROL,
                        bindings(binding("user:carol", "approver", "global", null)), Effect.DENY, "never the requester"),
                // expiry: a binding whose expiry has passed never counts, even if still stored
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API,
                        bindings(binding("user:carol", "developer", "team:payments", NOW.plusSeconds(60))), Effect.ALLOW, "developer"),
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API,
                        bindings(binding("user:carol", "developer", "team:payments", NOW)), Effect.DENY, "expired"),
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API,
                        bindings(binding("user:carol", "platform-admin", "global", NOW.minusSeconds(1))), Effect.DENY, "expired"),
                Arguments.of(CAROL, Actions.CATALOG_ENTITY_WRITE, PAYMENTS_API,
                        bindings(binding("user:carol", "no-such-role", "global", null)), Effect.DENY, "no rule"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {4}")
    @MethodSource("table")
    void decides(DecisionSubject subject, String action, DecisionResource resource, PolicyFacts facts, Effect expected,
            String reason) {
        Decision decision = PolicyEngine.decide(subject, action, resource, facts, NOW);
        assertEquals(expected, decision.decision(), decision.reason());
        if (!decision.reason().contains(reason)) {
            throw new AssertionError("reason '" + decision.reason() + "' lacks '" + reason + "'");
        }
        assertEquals(expected == Effect.ALLOW && facts.bindings().stream().anyMatch(b -> decision.reason().startsWith("role ")),
                decision.matchedBinding() != null);
    }

    /**
     * The reach of an action holds every resource the policy allows it on: random subjects (teams, roles), bindings
     * (user or team subjects, every role and scope kind, live or expired), teams led and resources, 20,000 cases.
     */
    @Test
    void everyAllowedResourceLiesWithinTheReachOfItsAction() {
        Random random = new Random(20261207);
        List<String> teams = List.of("payments", "search", "billing");
        List<String> roles = List.of("developer", "auditor", "platform-admin", "service");
        List<String> scopes = List.of("global", "team:payments", "team:search", "environment:e1", "environment:e2",
                "entity:component:default/payments-api", "entity:Component:default/Payments-API");
        List<DecisionResource> resources = List.of(PAYMENTS_API, PROD_BY_ALICE, PROD_BY_CAROL, DEV_ENV,
                ACCESS_REQUEST, PAYMENTS_DEV_RESOURCE, DecisionResource.AUDIT_LOG,
                DecisionResource.environment("e1", "billing", "development", "carol"),
                DecisionResource.environment("e2", null, null, null),
                new DecisionResource("team:search", null, Map.of()),
                new DecisionResource("environment", null, Map.of()));
        int allowed = 0;
        for (int i = 0; i < 20_000; i++) {
            String name = random.nextBoolean() ? "alice" : "carol";
            DecisionSubject subject = new DecisionSubject(name, pick(random, teams, 2),
                    List.of(roles.get(random.nextInt(roles.size()))));
            List<PolicyBinding> held = new ArrayList<>();
            for (int b = random.nextInt(3); b > 0; b--) {
                String holder = random.nextBoolean() ? "user:" + name : "team:" + teams.get(random.nextInt(3));
                Instant expiry = random.nextInt(4) == 0 ? NOW.minusSeconds(60) : null;
                held.add(new PolicyBinding("b" + b, holder, AccessRole.NAMES.get(random.nextInt(AccessRole.NAMES.size())),
                        scopes.get(random.nextInt(scopes.size())), expiry));
            }
            PolicyFacts facts = new PolicyFacts(held, Set.copyOf(pick(random, teams, 1)));
            String action = Actions.ALL.get(random.nextInt(Actions.ALL.size()));
            DecisionResource resource = resources.get(random.nextInt(resources.size()));
            Decision decision = PolicyEngine.decide(subject, action, resource, facts, NOW);
            if (decision.allowed()) {
                allowed++;
                Reach reach = PolicyEngine.reach(subject, action, facts, NOW);
                assertTrue(covers(reach, resource), () -> subject + " " + action + " " + resource + " " + facts
                        + ": allowed (" + decision.reason() + ") outside " + reach);
            }
        }
        assertTrue(allowed > 2_000, "the random cases allow too rarely to mean anything: " + allowed);
    }

    @Test
    void theReachOfAMemberIsTheirTeamsAndLiveBindingsNotEverything() {
        PolicyFacts facts = bindings(binding("user:alice", "viewer", "environment:e9", null),
                binding("team:payments", "viewer", "team:search", null),
                binding("user:alice", "viewer", "team:billing", NOW.minusSeconds(1)),
                binding("user:alice", "approver", "environment:e8", null));
        assertEquals(new Reach(false, List.of("payments", "search"), List.of("environment:e8", "environment:e9",
                "team:search")), PolicyEngine.reach(ALICE, Actions.ENVIRONMENT_READ, facts, NOW));
        assertEquals(Reach.all(), PolicyEngine.reach(DAVE, Actions.ENVIRONMENT_READ, NONE, NOW));
        assertEquals(Reach.all(), PolicyEngine.reach(ERIN, Actions.DATABASE_READ, NONE, NOW));
        assertEquals(new Reach(false, List.of(), List.of()), PolicyEngine.reach(ERIN, Actions.ENVIRONMENT_DELETE,
                NONE, NOW));
        assertEquals(Reach.all(), PolicyEngine.reach(ALICE, Actions.ENVIRONMENT_READ,
                bindings(binding("user:alice", "viewer", "global", null)), NOW));
        assertEquals(new Reach(false, List.of(), List.of()), PolicyEngine.reach(ALICE, "catalog.entity.nuke", NONE,
                NOW));
    }

    /**
     * A reach holds a resource as its readers use it: everything, owned by one of its teams, or named among its
     * resources (entity ids compare case-insensitively, as entity refs do). Not through Scopes.covers: a reader
     * filtering by owner must find a team scope's team among the teams.
     */
    private static boolean covers(Reach reach, DecisionResource resource) {
        if (reach.everything() || (resource.owner() != null && reach.teams().contains(resource.owner()))) {
            return true;
        }
        String id = resource.id().toLowerCase(Locale.ROOT);
        return reach.resources().stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).equals(id));
    }

    private static List<String> pick(Random random, List<String> from, int max) {
        List<String> picked = new ArrayList<>();
        for (String s : from) {
            if (picked.size() < max && random.nextBoolean()) {
                picked.add(s);
            }
        }
        return picked;
    }
}
