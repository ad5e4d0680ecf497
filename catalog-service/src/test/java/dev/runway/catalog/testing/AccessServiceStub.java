package dev.runway.catalog.testing;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.common.policy.Actions;
import dev.runway.common.policy.BatchDecisionRequest;
import dev.runway.common.policy.BatchDecisionResponse;
import dev.runway.common.policy.Decision;
import dev.runway.common.policy.DecisionApi;
import dev.runway.common.policy.DecisionRequest;
import dev.runway.common.security.Roles;
import io.quarkus.test.Mock;

/**
 * Stands in for the transport to access-service in catalog's tests (there is no access-service in this JVM):
 * answers as access-service's PolicyEngine does for catalog actions with its built-in rules (unknown action denied,
 * platform-admin allowed, reads allowed, members of the owning team may write and delete; role bindings are not
 * modelled — catalog has none in its tests), reading the subject from the forwarded bearer token as access-service
 * does. It records every question so tests see exactly what catalog asked, and a test may make it answer
 * otherwise ({@link #answerWith}) or fail like an unreachable server ({@link #failWith}).
 */
@Mock
@ApplicationScoped
@RestClient
public class AccessServiceStub implements DecisionApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One question as received: the Authorization header and the request. */
    public record Asked(String authorization, DecisionRequest request) {
    }

    private static final Queue<Asked> ASKED = new ConcurrentLinkedQueue<>();
    private static final AtomicReference<Function<DecisionRequest, Decision>> OVERRIDE = new AtomicReference<>();
    private static final AtomicReference<RuntimeException> FAILURE = new AtomicReference<>();

    public static void answerWith(Function<DecisionRequest, Decision> answer) {
        OVERRIDE.set(answer);
    }

    public static void failWith(RuntimeException failure) {
        FAILURE.set(failure);
    }

    public static void reset() {
        OVERRIDE.set(null);
        FAILURE.set(null);
        ASKED.clear();
    }

    public static List<Asked> asked() {
        return List.copyOf(ASKED);
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

    private static Decision answer(String authorization, DecisionRequest request) {
        RuntimeException failure = FAILURE.get();
        if (failure != null) {
            throw failure;
        }
        ASKED.add(new Asked(authorization, request));
        Function<DecisionRequest, Decision> override = OVERRIDE.get();
        return override != null ? override.apply(request) : policy(claims(authorization), request);
    }

    private static Decision policy(JsonNode claims, DecisionRequest request) {
        String action = request.action();
        String owner = request.resource().owner();
        if (!Actions.isKnown(action)) {
            return Decision.deny("unknown action " + action);
        }
        if (values(claims.path("realm_access").path("roles")).contains(Roles.PLATFORM_ADMIN)) {
            return Decision.allow("platform-admin may do anything", null);
        }
        if (Actions.CATALOG_ENTITY_READ.equals(action)) {
            return Decision.allow("the catalog is readable by every signed-in user", null);
        }
        Set<String> teams = new TreeSet<>();
        values(claims.path("groups")).forEach(g -> teams.add(g.startsWith("/") ? g.substring(1) : g));
        if (owner != null && (Actions.CATALOG_ENTITY_WRITE.equals(action) || Actions.CATALOG_ENTITY_DELETE.equals(action))
                && teams.contains(owner)) {
            return Decision.allow("member of the owning team " + owner, null);
        }
        return Decision.deny("no rule or role binding allows " + action + " on " + request.resource().id());
    }

    /** The payload of the forwarded JWT; its signature was already verified by catalog-service. */
    private static JsonNode claims(String authorization) {
        String token = authorization.substring("Bearer ".length());
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
