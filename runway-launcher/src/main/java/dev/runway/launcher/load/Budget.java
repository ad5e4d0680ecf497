package dev.runway.launcher.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The bound of one run: a request may start only before the deadline and while the request cap is not spent, so
 * that every run stops by itself whatever the platform does.
 */
public final class Budget {
    private final LongSupplier nanoClock;
    private final long deadline;
    private final AtomicLong left;

    public Budget(Duration duration, long maxRequests, LongSupplier nanoClock) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("the request cap must be at least 1");
        }
        this.nanoClock = nanoClock;
        this.deadline = nanoClock.getAsLong() + duration.toNanos();
        this.left = new AtomicLong(maxRequests);
    }

    public static Budget of(Duration duration, long maxRequests) {
        return new Budget(duration, maxRequests, System::nanoTime);
    }

    /** Takes one request from the cap; false once the deadline passed or the cap is spent. */
    public boolean tryAcquire() {
        if (expired()) {
            return false;
        }
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    public boolean expired() {
        return nanoClock.getAsLong() - deadline >= 0;
    }

    public long remainingNanos() {
        return Math.max(0, deadline - nanoClock.getAsLong());
    }
}
