package dev.runway.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Restarts a service's PostgreSQL ({@link RestartablePostgresResource}) under a write load and records what
 * every write was answered. What it asserts holds for every Runway service: readiness goes DOWN while the
 * database is away and back UP by itself after the restart, every write is answered (no hang), and every
 * refused write is a retryable 503 problem+json with Retry-After. What was acknowledged must then be
 * checked by the service's test in its own terms ({@link Report#acknowledgedKeys()}).
 * Bounds are generous upper limits, never timing assertions.
 */
public final class DatabaseOutageDrill {
    public enum Phase { BEFORE, OUTAGE, AFTER }

    /** One write: the phase it was sent and answered in, the answer, and the key of what it created. */
    public record Attempt(Phase sentIn, Phase answeredIn, int status, String contentType, String retryAfter,
            String key) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    public record Report(List<Attempt> attempts, Duration readyAfterRestart) {
        public List<String> acknowledgedKeys() {
            return attempts.stream().filter(Attempt::acknowledged).map(Attempt::key).toList();
        }

        public long refusedDuringOutage() {
            return attempts.stream().filter(a -> a.sentIn() == Phase.OUTAGE && a.answeredIn() == Phase.OUTAGE
                    && !a.acknowledged()).count();
        }

        public long refused() {
            return attempts.stream().filter(a -> !a.acknowledged()).count();
        }

        @Override
        public String toString() {
            return "writes sent " + attempts.size() + ", acknowledged " + acknowledgedKeys().size()
                    + ", refused " + refused() + " (" + refusedDuringOutage() + " sent and answered during the outage)"
                    + ", ready again " + readyAfterRestart.toMillis() + " ms after the restart";
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final URI base;
    private final int writers;
    private final IntFunction<HttpRequest.Builder> write;
    private final Function<HttpResponse<String>, String> key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile Phase phase = Phase.BEFORE;

    /**
     * @param base  the service's root URL
     * @param writers  concurrent clients
     * @param write  the n-th write (unique per n), relative to {@code base}
     * @param key  how the service's test will find what an acknowledged write created
     */
    public DatabaseOutageDrill(URI base, int writers, IntFunction<HttpRequest.Builder> write,
            Function<HttpResponse<String>, String> key) {
        this.base = base;
        this.writers = writers;
        this.write = write;
        this.key = key;
    }

    public Report run() throws InterruptedException {
        assertEquals(200, readiness(), "the service must be ready before the drill");
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::writeUntilStopped, "outage-drill-writer-" + i);
            t.start();
            threads.add(t);
        }
        try {
            await("writes acknowledged before the outage", () -> count(Phase.BEFORE, true) >= 10);
            phase = Phase.OUTAGE;
            RestartablePostgresResource.stopServer();
            await("readiness DOWN (503) while the database is stopped", () -> readiness() == 503);
            await("writes refused during the outage", () -> attempts.stream()
                    .filter(a -> a.sentIn() == Phase.OUTAGE && a.answeredIn() == Phase.OUTAGE).count() >= 5);
            RestartablePostgresResource.startServer();
            long restarted = System.nanoTime();
            phase = Phase.AFTER;
            await("readiness UP (200) again after the restart", () -> readiness() == 200);
            Duration ready = Duration.ofNanos(System.nanoTime() - restarted);
            await("writes acknowledged after the restart", () -> count(Phase.AFTER, true) >= 10);
            running.set(false);
            for (Thread t : threads) {
                t.join(REQUEST_TIMEOUT.plusSeconds(5).toMillis());
                assertFalse(t.isAlive(), "a writer is stuck in a request");
            }
            Report report = new Report(List.copyOf(attempts), ready);
            assertAnsweredCleanly(report);
            return report;
        } finally {
            running.set(false);
            RestartablePostgresResource.startServer();
        }
    }

    private static void assertAnsweredCleanly(Report report) {
        for (Attempt a : report.attempts()) {
            assertTrue(a.status() > 0, () -> "a write got no answer: " + a);
            if (!a.acknowledged()) {
                assertEquals(503, a.status(), () -> "a write failed other than with a retryable 503: " + a);
                assertTrue(a.contentType() != null && a.contentType().startsWith("application/problem+json"),
                        () -> "a refused write is not problem+json: " + a);
                assertNotNull(a.retryAfter(), () -> "a 503 without Retry-After: " + a);
            } else {
                assertNotNull(a.key(), () -> "an acknowledged write without a key: " + a);
            }
        }
        assertTrue(report.refusedDuringOutage() > 0, "no write was refused during the outage");
    }

    private long count(Phase sentIn, boolean acknowledged) {
        return attempts.stream().filter(a -> a.sentIn() == sentIn && a.acknowledged() == acknowledged).count();
    }

    private void writeUntilStopped() {
        while (running.get()) {
            Phase sentIn = phase;
            HttpRequest request = write.apply(sequence.getAndIncrement()).timeout(REQUEST_TIMEOUT).build();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                boolean ok = r.statusCode() >= 200 && r.statusCode() < 300;
                attempts.add(new Attempt(sentIn, phase, r.statusCode(),
                        r.headers().firstValue("Content-Type").orElse(null),
                        r.headers().firstValue("Retry-After").orElse(null), ok ? key.apply(r) : null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                attempts.add(new Attempt(sentIn, phase, -1, null, null, e.toString()));
            }
            pause(20);
        }
    }

    private int readiness() {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not reached within " + BOUND.toSeconds() + " s: " + what);
            }
            pause(100);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
