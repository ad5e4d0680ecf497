package dev.runway.launcher.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void stopsAtTheRequestCap() {
        Budget budget = new Budget(Duration.ofHours(1), 3, () -> 0L);
        assertTrue(budget.tryAcquire());
        assertTrue(budget.tryAcquire());
        assertTrue(budget.tryAcquire());
        assertFalse(budget.tryAcquire());
        assertFalse(budget.tryAcquire());
    }

    @Test
    void stopsAtTheDeadlineWhateverIsLeftOfTheCap() {
        AtomicLong now = new AtomicLong(1_000);
        Budget budget = new Budget(Duration.ofSeconds(10), 1_000_000, now::get);
        assertTrue(budget.tryAcquire());
        now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
        assertTrue(budget.tryAcquire());
        now.incrementAndGet();
        assertTrue(budget.expired());
        assertFalse(budget.tryAcquire());
    }

    @Test
    void theRunnerIssuesExactlyTheCapAcrossClientsAndStops() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Measurements m = Runner.run(8, Budget.of(Duration.ofMinutes(5), 1_000), 1,
                (client, random) -> new Runner.Action(random.nextBoolean() ? "a" : "b", () -> {
                    calls.incrementAndGet();
                    return "200";
                }));
        assertEquals(1_000, calls.get());
        assertEquals(1_000, m.requests());
        assertEquals(0, m.errorCount());
    }

    @Test
    void theRunnerRecordsFailuresByStatus() throws Exception {
        Measurements m = Runner.run(2, Budget.of(Duration.ofMinutes(5), 10), 1,
                (client, random) -> new Runner.Action("op", () -> {
                    throw new java.io.IOException("refused");
                }));
        assertEquals(10, m.requests());
        assertEquals(10L, m.errors().get("op io"));
    }

    @Test
    void rejectsAnUnboundedBudget() {
        assertThrows(IllegalArgumentException.class, () -> Budget.of(Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> Budget.of(Duration.ofSeconds(1), 0));
    }
}
