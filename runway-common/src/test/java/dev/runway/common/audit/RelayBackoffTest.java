package dev.runway.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RelayBackoffTest {
    private final RelayBackoff backoff = new RelayBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void doublesAfterEachFailureUpToTheCap() {
        assertEquals(Duration.ZERO, backoff.after(0));
        assertEquals(Duration.ofSeconds(1), backoff.after(1));
        assertEquals(Duration.ofSeconds(2), backoff.after(2));
        assertEquals(Duration.ofSeconds(8), backoff.after(4));
        assertEquals(Duration.ofMinutes(5), backoff.after(10));
        assertEquals(Duration.ofMinutes(5), backoff.after(1000));
    }
}
