package dev.runway.common.error;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises, anywhere in a cause chain, that a write lost a race with a concurrent one: an optimistic-lock
 * failure (the row's version moved on between read and commit), a serialization failure (40001) or a deadlock
 * (40P01). Nothing was written and the same request may succeed if sent again, so the caller gets a 409 saying so
 * instead of an internal error. Services lock rows they change where they can; this is the answer when one slips
 * through. The persistence classes are matched by name because runway-common does not depend on JPA.
 */
final class ConcurrentChange {
    private static final Set<String> OPTIMISTIC_LOCK_FAILURES = Set.of(
            "jakarta.persistence.OptimisticLockException", "org.hibernate.StaleStateException");

    private ConcurrentChange() {
    }

    static boolean causedBy(Throwable e) {
        return CauseChain.contains(e, ConcurrentChange::isLostRace);
    }

    private static boolean isLostRace(Throwable t) {
        if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
            return true;
        }
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (OPTIMISTIC_LOCK_FAILURES.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
