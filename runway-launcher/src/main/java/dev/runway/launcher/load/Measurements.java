package dev.runway.launcher.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies (microseconds, HdrHistogram, 3 significant digits) per operation and overall, and failures by status. */
public final class Measurements {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Map<String, ConcurrentHistogram> operations = new ConcurrentHashMap<>();
    private final ConcurrentHistogram overall = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private volatile long startNanos;
    private volatile long endNanos;

    public void start() {
        startNanos = System.nanoTime();
    }

    public void stop() {
        endNanos = System.nanoTime();
    }

    /** One request of {@code operation}; {@code status} is the HTTP status, or a word such as "io" or "sql". */
    public void record(String operation, long micros, String status, boolean ok) {
        long clamped = Math.max(1, Math.min(micros, HIGHEST_MICROS));
        requests.increment();
        overall.recordValue(clamped);
        operations.computeIfAbsent(operation, k -> new ConcurrentHistogram(HIGHEST_MICROS, 3)).recordValue(clamped);
        if (!ok) {
            errors.computeIfAbsent(operation + " " + status, k -> new LongAdder()).increment();
        }
    }

    /** A latency that is not one request (e.g. request to READY); it is not counted in requests or overall. */
    public void recordMilestone(String name, long micros) {
        operations.computeIfAbsent(name, k -> new ConcurrentHistogram(HIGHEST_MICROS, 3))
                .recordValue(Math.max(1, Math.min(micros, HIGHEST_MICROS)));
    }

    public long requests() {
        return requests.sum();
    }

    public double seconds() {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        return Math.max(1e-9, (end - startNanos) / 1e9);
    }

    public double throughput() {
        return requests() / seconds();
    }

    public Histogram overall() {
        return overall.copy();
    }

    public Map<String, Histogram> operations() {
        Map<String, Histogram> copy = new TreeMap<>();
        operations.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    public Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
