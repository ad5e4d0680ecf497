package dev.runway.catalog.policy;

import java.util.List;

import dev.runway.common.policy.Decision;
import dev.runway.common.security.Caller;

/**
 * Resource-level write decisions for catalog entities: the one place that decides, so callers do not know that
 * access-service's policy decision point answers.
 */
public interface CatalogPolicy {

    /**
     * One write to decide.
     *
     * @param ref             canonical ref of the entity written
     * @param currentOwnerRef canonical owning ref of the stored version, or null when there is none
     * @param newOwnerRef     canonical owning ref of the version being written, or null on delete
     * @param isNew           true when no live version exists
     */
    record WriteCheck(String ref, String currentOwnerRef, String newOwnerRef, boolean isNew) {
    }

    /** May the caller do this write? */
    default Decision mayWrite(Caller caller, WriteCheck check) {
        return mayWriteAll(caller, List.of(check)).get(0);
    }

    /** The decisions for many writes of one request (an import), in the order of {@code checks}. */
    List<Decision> mayWriteAll(Caller caller, List<WriteCheck> checks);
}
