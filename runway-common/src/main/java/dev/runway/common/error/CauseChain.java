package dev.runway.common.error;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Searches a cause chain, suppressed exceptions included: Hibernate and the transaction manager wrap what the
 * database said several levels deep, and a failed commit hangs it off a suppressed exception of the rollback.
 */
public final class CauseChain {
    private CauseChain() {
    }

    public static boolean contains(Throwable e, Predicate<Throwable> test) {
        return contains(e, test, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean contains(Throwable e, Predicate<Throwable> test, Set<Throwable> seen) {
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (contains(suppressed, test, seen)) {
                    return true;
                }
            }
        }
        return false;
    }
}
