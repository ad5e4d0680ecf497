package dev.runway.common.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.runway.common.error.NotPermittedException;
import dev.runway.common.error.UpstreamUnavailableException;
import dev.runway.common.resilience.Boundaries;
import dev.runway.common.resilience.Boundary;

/**
 * Asks access-service for decisions and fails closed: when it is unreachable, slow, or answers anything but a
 * well-formed decision, the answer is never "allow" but an {@link UpstreamUnavailableException} (503 to the
 * caller, safe to retry). The bearer token decides whose question it is: forward the user's token, or send the
 * service's own token with an explicit {@link DecisionSubject}.
 *
 * <p>Every call crosses the {@link Boundaries#ACCESS_SERVICE} boundary: a timeout well below the REST client's read
 * timeout, one retry when it could not connect (decisions are questions, so asking again is harmless), and a circuit
 * breaker, so that while access-service hangs callers get their 503 at once instead of after the timeout.
 */
@ApplicationScoped
public class AccessDecisions {
    private static final Logger LOG = Logger.getLogger(AccessDecisions.class);
    private static final String UNAVAILABLE = "access-service could not decide; the action is denied until it answers.";

    private final DecisionApi api;
    private final Boundary boundary;

    @Inject
    public AccessDecisions(@RestClient DecisionApi api, Boundaries boundaries) {
        this(api, boundaries.of(Boundaries.ACCESS_SERVICE));
    }

    private AccessDecisions(DecisionApi api, Boundary boundary) {
        this.api = api;
        this.boundary = boundary;
    }

    /** Without timeout, breaker or retry: what the fail-closed mapping alone makes of the client's answers. */
    public AccessDecisions(DecisionApi api) {
        this(api, Boundary.unbounded(Boundaries.ACCESS_SERVICE));
    }

    public Decision decide(String bearerToken, DecisionRequest request) {
        Decision decision = failClosed(() -> api.decide(authorization(bearerToken), request));
        if (decision == null || decision.decision() == null) {
            throw new UpstreamUnavailableException(UNAVAILABLE);
        }
        return decision;
    }

    /** Decides and throws {@link NotPermittedException} (403) with access-service's reason unless allowed. */
    public Decision require(String bearerToken, DecisionRequest request) {
        Decision decision = decide(bearerToken, request);
        if (!decision.allowed()) {
            throw new NotPermittedException(decision.reason());
        }
        return decision;
    }

    /**
     * Many checks in as few round trips as access-service's batch limit allows; the decisions come back in the
     * order of {@code requests}.
     */
    public List<Decision> decideAll(String bearerToken, List<DecisionRequest> requests) {
        if (requests.size() <= BatchDecisionRequest.MAX_CHECKS) {
            return decideBatch(bearerToken, requests);
        }
        List<Decision> decisions = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += BatchDecisionRequest.MAX_CHECKS) {
            decisions.addAll(decideBatch(bearerToken,
                    requests.subList(from, Math.min(requests.size(), from + BatchDecisionRequest.MAX_CHECKS))));
        }
        return decisions;
    }

    /** Where the caller's {@code action} may apply (see {@link Reach}); fails closed like a decision. */
    public Reach reach(String bearerToken, String action) {
        Reach reach = failClosed(() -> api.reach(authorization(bearerToken), action));
        if (reach == null) {
            throw new UpstreamUnavailableException(UNAVAILABLE);
        }
        return reach;
    }

    private List<Decision> decideBatch(String bearerToken, List<DecisionRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        BatchDecisionResponse response = failClosed(
                () -> api.decideAll(authorization(bearerToken), new BatchDecisionRequest(requests)));
        if (response == null || response.decisions() == null || response.decisions().size() != requests.size()
                || response.decisions().stream().anyMatch(d -> d == null || d.decision() == null)) {
            throw new UpstreamUnavailableException(UNAVAILABLE);
        }
        return response.decisions();
    }

    private static String authorization(String bearerToken) {
        return "Bearer " + bearerToken;
    }

    /** A call to access-service whose every failure is a 503, never an answer. */
    private <T> T failClosed(Supplier<T> call) {
        try {
            return boundary.idempotent(call);
        } catch (RuntimeException e) {
            if (Boundary.refused(e)) {
                // The breaker said so when it opened; one line per refused call would flood the log.
                LOG.debugf("policy decision failed closed: %s", e.toString());
            } else {
                // The cause goes to the log only: its message may name hosts and ports.
                LOG.warnf("policy decision failed closed: %s", e.toString());
            }
            throw new UpstreamUnavailableException(UNAVAILABLE, e);
        }
    }
}
