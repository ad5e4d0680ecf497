package dev.runway.common.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class ConcurrentChangeTest {

    @Test
    void lostRacesAnywhereInTheChainAreRecognised() {
        assertTrue(ConcurrentChange.causedBy(new RuntimeException("commit failed",
                new IllegalStateException(new SQLException("could not serialize access", "40001")))));
        assertTrue(ConcurrentChange.causedBy(new SQLException("deadlock detected", "40P01")));
        Exception rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new IllegalStateException(new SQLException("deadlock detected", "40P01")));
        assertTrue(ConcurrentChange.causedBy(new RuntimeException("Error invoking subclass method", rollback)));
    }

    @Test
    void anOptimisticLockFailureIsRecognised() {
        assertTrue(ConcurrentChange.causedBy(new IllegalStateException("ARJUNA016053: Could not commit transaction.",
                new jakarta.persistence.OptimisticLockException("Unexpected row count (expected 1 but was 0)"))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ConcurrentChange.causedBy(new SQLException("duplicate key", "23505")));
        assertFalse(ConcurrentChange.causedBy(new SQLException("I/O error", "08006")));
        assertFalse(ConcurrentChange.causedBy(new IllegalStateException("bug")));
    }
}
