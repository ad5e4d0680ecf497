package dev.runway.common.ratelimit;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.runway.common.error.ProblemKind;
import dev.runway.common.error.ProblemResponses;
import dev.runway.common.ratelimit.WriteRateLimiter.Budget;
import dev.runway.common.security.Roles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Refuses a user's writes under {@code /api/} beyond {@link WriteRateLimiter}'s rate with a problem+json 429 and
 * {@code Retry-After}. Reads are never limited; checks ({@link RateLimitedAsCheck}) spend a budget of their own. Callers holding the {@code service} role are not limited either:
 * they are Runway's own services (the audit outbox relays, decisions asked on a user's behalf), whose rate follows
 * the users' own, already limited, traffic; throttling them would only fail user requests closed (503) or hold
 * audit events back in the outbox.
 */
public class WriteRateLimitFilter {
    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final RateLimitConfig config;
    private final WriteRateLimiter limiter;
    private final CurrentIdentityAssociation identities;
    private final Counter refused;

    public WriteRateLimitFilter(RateLimitConfig config, WriteRateLimiter limiter, CurrentIdentityAssociation identities,
            MeterRegistry registry, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.config = config;
        this.limiter = limiter;
        this.identities = identities;
        this.refused = Counter.builder("runway.rate.limited")
                .description("Writes refused with 429 because the caller exceeded the per-user write rate")
                .tag("service", service)
                .register(registry);
    }

    /**
     * After authentication and authorization: the principal is needed, and a request that is refused anyway (401,
     * 403) should not spend the caller's budget. Authentication is lazy here (proactive authentication is off), so
     * the identity is awaited rather than read.
     */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 100)
    public Uni<Response> limitWrites(ContainerRequestContext request, ResourceInfo resource) {
        if (!config.enabled() || !WRITES.contains(request.getMethod())
                || !request.getUriInfo().getRequestUri().getPath().startsWith("/api/")
                || annotated(resource, RateLimitExempt.class)) {
            return Uni.createFrom().nullItem();
        }
        Budget budget = annotated(resource, RateLimitedAsCheck.class) ? Budget.CHECKS : Budget.WRITES;
        return identities.getDeferredIdentity().onItem().transformToUni(identity -> {
            Uni<Response> limited = Uni.createFrom().item(() -> limit(identity, budget, request));
            // Shared buckets are a JDBC transaction: never on an event loop, where the identity may have resolved.
            return config.store() == RateLimitConfig.Store.MEMORY || BlockingOperationControl.isBlockingAllowed()
                    ? limited : limited.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        });
    }

    private Response limit(SecurityIdentity identity, Budget budget, ContainerRequestContext request) {
        if (identity.isAnonymous() || identity.hasRole(Roles.SERVICE)) {
            return null;
        }
        return limiter.tryAcquire(budget, identity.getPrincipal().getName())
                .map(wait -> tooManyRequests(wait, budget, request.getUriInfo().getRequestUri().getPath()))
                .orElse(null);
    }

    private Response tooManyRequests(Duration wait, Budget budget, String path) {
        refused.increment();
        long seconds = WriteRateLimiter.retryAfterSeconds(wait);
        String what = budget == Budget.WRITES ? "writes" : "checks";
        Response problem = ProblemResponses.response(ProblemResponses.problem(ProblemKind.TOO_MANY_REQUESTS,
                "Too many " + what + " in a short time; retry after " + seconds + " second(s).", path, List.of()));
        return Response.fromResponse(problem).header("Retry-After", Long.toString(seconds)).build();
    }

    private static boolean annotated(ResourceInfo resource, Class<? extends Annotation> annotation) {
        return resource != null && resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(annotation)
                        || resource.getResourceClass().isAnnotationPresent(annotation));
    }
}
