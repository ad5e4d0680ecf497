package dev.runway.common.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.common.policy.Actions;
import dev.runway.common.policy.BatchDecisionRequest;
import dev.runway.common.policy.BatchDecisionResponse;
import dev.runway.common.policy.Decision;
import dev.runway.common.policy.DecisionApi;
import dev.runway.common.policy.DecisionRequest;
import dev.runway.common.policy.DecisionResource;
import dev.runway.common.policy.Reach;
import dev.runway.common.security.Roles;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Stands in for the transport to access-service in a service's tests (there is no access-service in that JVM).
 * It answers with access-service's built-in rules — unknown actions denied, an approver is never the requester,
 * platform-admins allowed, auditors read, every signed-in user reads the catalog, services write catalog Resource
 * entities, members of the owning team write its entities and request, read and delete its environments and
 * databases, leads of the owning team approve — reading the subject from the forwarded bearer token as
 * access-service does. Role bindings are not modelled. It records every question so tests see exactly what was
 * asked, and a test may make it answer otherwise ({@link #answerWith}) or fail like an unreachable server
 * ({@link #failWith}).
 *
 * <p>Each service's tests declare a {@code @Mock @RestClient} bean extending this class, so that the double
 * replaces the REST client of {@link DecisionApi}.
 */
public class PolicyDecisionDouble implements DecisionApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo realm's team leads (group attribute {@code leads}). */
    private static final Map<String, Set<String>> LEADS = Map.of("payments", Set.of("bob"), "search", Set.of("frank"));
    private static final Set<String> TEAM_MEMBER_ACTIONS = Set.of(Actions.CATALOG_ENTITY_WRITE,
            Actions.CATALOG_ENTITY_DELETE, Actions.ENVIRONMENT_READ, Actions.ENVIRONMENT_REQUEST,
            Actions.ENVIRONMENT_DELETE, Actions.DATABASE_READ, Actions.DATABASE_REQUEST, Actions.DATABASE_DELETE);
    private static final Set<String> AUDITOR_ACTIONS = Set.of(Actions.AUDIT_READ, Actions.ENVIRONMENT_READ,
            Actions.DATABASE_READ);
    private static final Set<String> APPROVALS = Set.of(Actions.ENVIRONMENT_APPROVE, Actions.ACCESS_REQUEST_APPROVE);

    /** One question as received: the Authorization header and the request. */
    public record Asked(String authorization, DecisionRequest request) {
    }

    private static final Queue<Asked> ASKED = new ConcurrentLinkedQueue<>();
    private static final Queue<Asked> DENIED = new ConcurrentLinkedQueue<>();
    private static final AtomicReference<Function<DecisionRequest, Decision>> OVERRIDE = new AtomicReference<>();
    private static final AtomicReference<RuntimeException> FAILURE = new AtomicReference<>();
    private static final Queue<Reached> REACHED = new ConcurrentLinkedQueue<>();

    public static void answerWith(Function<DecisionRequest, Decision> answer) {
        OVERRIDE.set(answer);
    }

    public static void failWith(RuntimeException failure) {
        FAILURE.set(failure);
    }

    /**
     * Back to the built-in rules, and access-service's circuit breaker closed: a test that made the double fail
     * must not leave the next test refused for the breaker's delay (the double is access-service coming back).
     */
    public static void reset() {
        CircuitBreakerMaintenance.get().resetAll();
        OVERRIDE.set(null);
        FAILURE.set(null);
        ASKED.clear();
        DENIED.clear();
        REACHED.clear();
    }

    public static List<Asked> asked() {
        return List.copyOf(ASKED);
    }

    /** The questions answered with a denial since the last {@link #reset}. */
    public static List<Asked> denied() {
        return List.copyOf(DENIED);
    }

    @Override
    public Decision decide(String authorization, DecisionRequest request) {
        return answer(authorization, request);
    }

    @Override
    public BatchDecisionResponse decideAll(String authorization, BatchDecisionRequest request) {
        List<Decision> decisions = new ArrayList<>();
        for (DecisionRequest check : request.checks()) {
            decisions.add(answer(authorization, check));
        }
        return new BatchDecisionResponse(decisions);
    }

    /**
     * The reach of the same built-in rules; everything while a test overrides the answers (the override may allow
     * anything) — a superset is always a correct reach.
     */
    @Override
    public Reach reach(String authorization, String action) {
        RuntimeException failure = FAILURE.get();
        if (failure != null) {
            throw failure;
        }
        REACHED.add(new Reached(authorization, action));
        JsonNode claims = claims(authorization);
        String user = claims.path("preferred_username").asText();
        Set<String> roles = values(claims.path("realm_access").path("roles"));
        if (!Actions.isKnown(action)) {
            return new Reach(false, List.of(), List.of());
        }
        if (OVERRIDE.get() != null || roles.contains(Roles.PLATFORM_ADMIN)
                || (roles.contains(Roles.AUDITOR) && AUDITOR_ACTIONS.contains(action))
                || Actions.CATALOG_ENTITY_READ.equals(action)
                || ((Actions.CATALOG_ENTITY_WRITE.equals(action) || Actions.CATALOG_ENTITY_DELETE.equals(action))
                        && roles.contains(Roles.SERVICE))) {
            return Reach.all();
        }
        Set<String> teams = new TreeSet<>();
        if (TEAM_MEMBER_ACTIONS.contains(action)) {
            teams.addAll(teams(claims));
        }
        if (APPROVALS.contains(action)) {
            LEADS.forEach((team, leads) -> {
                if (leads.contains(user)) {
                    teams.add(team);
                }
            });
        }
        return new Reach(false, List.copyOf(teams), List.of());
    }

    /** One reach question as received. */
    public record Reached(String authorization, String action) {
    }

    /** The reach questions since the last {@link #reset}. */
    public static List<Reached> reached() {
        return List.copyOf(REACHED);
    }

    private static Decision answer(String authorization, DecisionRequest request) {
        RuntimeException failure = FAILURE.get();
        if (failure != null) {
            throw failure;
        }
        Asked asked = new Asked(authorization, request);
        ASKED.add(asked);
        Function<DecisionRequest, Decision> override = OVERRIDE.get();
        Decision decision = override != null ? override.apply(request) : policy(claims(authorization), request);
        if (!decision.allowed()) {
            DENIED.add(asked);
        }
        return decision;
    }

    private static Decision policy(JsonNode claims, DecisionRequest request) {
        String action = request.action();
        DecisionResource resource = request.resource();
        String owner = resource.owner();
        String user = claims.path("preferred_username").asText();
        Set<String> roles = values(claims.path("realm_access").path("roles"));
        Set<String> teams = teams(claims);
        if (!Actions.isKnown(action)) {
            return Decision.deny("unknown action " + action);
        }
        if (APPROVALS.contains(action) && user.equals(resource.attribute(DecisionResource.REQUESTER))) {
            return Decision.deny("an approver is never the requester");
        }
        if (roles.contains(Roles.PLATFORM_ADMIN)) {
            return Decision.allow("platform-admin may do anything", null);
        }
        if (roles.contains(Roles.AUDITOR) && AUDITOR_ACTIONS.contains(action)) {
            return Decision.allow("auditors may read what the platform holds", null);
        }
        if (Actions.CATALOG_ENTITY_READ.equals(action)) {
            return Decision.allow("the catalog is readable by every signed-in user", null);
        }
        if ((Actions.CATALOG_ENTITY_WRITE.equals(action) || Actions.CATALOG_ENTITY_DELETE.equals(action))
                && roles.contains(Roles.SERVICE) && resource.id().startsWith("entity:resource:")) {
            return Decision.allow("Runway services register the resources they provision", null);
        }
        if (owner != null && TEAM_MEMBER_ACTIONS.contains(action) && teams.contains(owner)) {
            return Decision.allow("member of the owning team " + owner, null);
        }
        if (owner != null && APPROVALS.contains(action) && LEADS.getOrDefault(owner, Set.of()).contains(user)) {
            return Decision.allow("lead of the owning team " + owner, null);
        }
        return Decision.deny("no rule or role binding allows " + action + " on " + resource.id());
    }

    /** The payload of the forwarded JWT; its signature was already verified by the asking service. */
    private static JsonNode claims(String authorization) {
        String token = authorization.substring("Bearer ".length());
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> teams(JsonNode claims) {
        Set<String> teams = new TreeSet<>();
        values(claims.path("groups")).forEach(g -> teams.add(g.startsWith("/") ? g.substring(1) : g));
        return teams;
    }

        private static Set<String> values(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
