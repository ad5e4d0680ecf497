package dev.runway.common.resilience;

import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Calls to one remote service, bounded: each call has a timeout, and one circuit breaker for the whole remote
 * opens when too many of its recent calls failed, so that while the remote hangs a caller is refused at once
 * (with {@link CircuitBreakerOpenException}) instead of waiting out the timeout. After the breaker's delay one trial
 * call goes through; when it succeeds the breaker closes, so the remote's recovery needs no restart here.
 * Idempotent calls are also retried a bounded number of times when they could not connect or got a 5xx, never
 * after a timeout (a hung remote would only hang again).
 *
 * <p>What the caller makes of a failure (503, a retry later) stays the caller's: this only bounds the call.
 * A failure counts against the remote only when the remote is at fault (no connection, a timeout, a 5xx); a 4xx is
 * the question's fault and neither opens the breaker nor is retried.
 */
public final class Boundary {
    private static final Logger LOG = Logger.getLogger(Boundary.class);

    private final String name;
    private final Guard guarded;
    private final Guard retried;

    private Boundary(String name, Guard guarded, Guard retried) {
        this.name = name;
        this.guarded = guarded;
        this.retried = retried;
    }

    /** The boundary of remote {@code name}; the breaker is registered under that name. Needs the CDI container. */
    static Boundary of(String name, BoundariesConfig.Remote config) {
        Guard guarded = Guard.create().withDescription(name)
                .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker().name(name)
                .requestVolumeThreshold(config.requestVolumeThreshold())
                .failureRatio(config.failureRatio())
                .delay(config.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(config.successThreshold())
                .when(Boundary::remoteAtFault)
                .onStateChange(state -> LOG.logf(state == CircuitBreakerState.OPEN ? Logger.Level.WARN : Logger.Level.INFO,
                        "circuit breaker of %s is now %s", name, state))
                .done()
                .build();
        long delay = config.retryDelay().toMillis();
        Guard retried = Guard.create().withDescription(name + " (idempotent)")
                .withRetry().maxRetries(config.retries())
                .delay(delay, ChronoUnit.MILLIS).jitter(delay / 2, ChronoUnit.MILLIS)
                .whenException(Boundary::worthRetrying)
                .done()
                .build();
        return new Boundary(name, guarded, retried);
    }

    /** No timeout, breaker or retry: for tests of what a caller makes of failures, and tools without CDI. */
    public static Boundary unbounded(String name) {
        return new Boundary(name, null, null);
    }

    public String name() {
        return name;
    }

    /** One attempt, with the timeout and the breaker; for calls that must not be repeated blindly. */
    public <T> T call(Supplier<T> call) {
        if (guarded == null) {
            return call.get();
        }
        return cast(guarded.get(call::get, Object.class));
    }

    /** A call that may be repeated without changing the outcome (a question, a read, a delete of a name). */
    public <T> T idempotent(Supplier<T> call) {
        if (retried == null) {
            return call.get();
        }
        return cast(retried.get(() -> guarded.get(call::get, Object.class), Object.class));
    }

    /** Whether {@code failure} was the breaker refusing the call without trying it. */
    public static boolean refused(Throwable failure) {
        return failure instanceof CircuitBreakerOpenException;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    /** The remote did not answer, or answered that it failed: a mark against it. */
    static boolean remoteAtFault(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof ProcessingException
                || failure instanceof UncheckedIOException
                || (failure instanceof WebApplicationException e && e.getResponse().getStatus() >= 500);
    }

    private static boolean worthRetrying(Throwable failure) {
        return remoteAtFault(failure) && !(failure instanceof TimeoutException);
    }
}
