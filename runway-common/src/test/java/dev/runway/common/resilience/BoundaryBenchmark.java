package dev.runway.common.resilience;

import static dev.runway.common.resilience.HangingAccessService.QUESTION;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.runway.common.error.UpstreamUnavailableException;
import dev.runway.common.policy.AccessDecisions;
import dev.runway.common.policy.DecisionApi;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Not a test (not run by {@code verify}): measures a guarded policy decision against an access-service that hangs,
 * with the shipped boundary settings. Run it with
 * {@code ./mvnw -B -q -pl runway-common verify -DskipITs -Dtest=BoundaryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (optionally {@code -Dbench.open-calls=N}); the table goes to the console and to
 * {@code runway-common/target/boundary-bench.md}. See RELIABILITY.md, "Boundaries: timeouts and circuit breakers".
 */
@QuarkusTest
@QuarkusTestResource(value = HangingAccessService.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "boundaries", value = "production"))
class BoundaryBenchmark {
    @Inject
    AccessDecisions decisions;

    private final HangingAccessService.Control standIn = new HangingAccessService.Control();

    @Test
    void measure() throws Exception {
        int openCalls = Integer.getInteger("bench.open-calls", 2000);
        StringBuilder report = new StringBuilder("| phase | calls | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");

        for (int i = 0; i < 500; i++) { // warm-up: client start and JIT, breaker back to closed after
            try {
                decisions.decide("tok", QUESTION);
            } catch (UpstreamUnavailableException e) {
                Thread.sleep(100); // the first call builds the client and may exceed the timeout on a busy machine
            }
        }
        CircuitBreakerMaintenance.get().resetAll();
        long[] healthy = new long[1000];
        for (int i = 0; i < healthy.length; i++) {
            long t = System.nanoTime();
            decisions.decide("tok", QUESTION);
            healthy[i] = System.nanoTime() - t;
        }
        row(report, "access-service answering (closed)", healthy);

        standIn.hang();
        // Before: the unbounded client as it was, waiting out the 5 s read timeout each time.
        String base = ConfigProvider.getConfig().getValue("test.hanging-access-service.url", String.class);
        DecisionApi raw = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(base))
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build(DecisionApi.class);
        AccessDecisions unbounded = new AccessDecisions(raw);
        long[] before = new long[3];
        for (int i = 0; i < before.length; i++) {
            before[i] = failedCall(unbounded);
        }
        row(report, "hung, before this change (no boundary)", before);

        long[] closing = new long[64];
        int n = 0;
        while (CircuitBreakerMaintenance.get().currentState(Boundaries.ACCESS_SERVICE) != CircuitBreakerState.OPEN) {
            closing[n++] = failedCall(decisions);
        }
        long openedAt = System.nanoTime();
        row(report, "hung, breaker closed (each call times out)", Arrays.copyOf(closing, n));

        long[] open = new long[openCalls];
        long reached = standIn.requests();
        for (int i = 0; i < open.length; i++) {
            open[i] = failedCall(decisions);
        }
        row(report, "hung, breaker open", open);
        long leaked = standIn.requests() - reached;

        long resumedAt = System.nanoTime();
        standIn.resume();
        long recoveredAt;
        while (true) {
            try {
                decisions.decide("tok", QUESTION);
                recoveredAt = System.nanoTime();
                break;
            } catch (UpstreamUnavailableException e) {
                Thread.sleep(5);
            }
        }
        report.append(String.format(Locale.ROOT,
                "%nBreaker opened after %d timed-out calls; %d requests reached access-service while open. "
                        + "Recovery: first successful call %.0f ms after access-service answered again, %.0f ms after"
                        + " the breaker opened (breaker delay %s).%n",
                n, leaked, ms(recoveredAt - resumedAt), ms(recoveredAt - openedAt),
                ConfigProvider.getConfig().getOptionalValue("runway.boundaries.access-service.breaker-delay",
                        String.class).orElse("5S (default)")));
        System.out.println("\n" + report);
        Path out = Path.of("target", "boundary-bench.md");
        try {
            Files.writeString(out, report);
        } catch (IOException e) {
            System.out.println("could not write " + out + ": " + e);
        }
    }

    private static long failedCall(AccessDecisions client) {
        long t = System.nanoTime();
        try {
            client.decide("tok", QUESTION);
            throw new IllegalStateException("a hung access-service answered");
        } catch (UpstreamUnavailableException e) {
            return System.nanoTime() - t;
        }
    }

    private static void row(StringBuilder report, String phase, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        report.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", phase, sorted.length,
                ms(percentile(sorted, 50)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1])));
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
