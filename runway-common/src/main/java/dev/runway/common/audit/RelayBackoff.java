package dev.runway.common.audit;

import java.time.Duration;

/** Exponential backoff after consecutive failed deliveries: initial, 2×, 4×, … capped at max. */
public record RelayBackoff(Duration initial, Duration max) {
    public Duration after(int consecutiveFailures) {
        if (consecutiveFailures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(consecutiveFailures - 1, 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
