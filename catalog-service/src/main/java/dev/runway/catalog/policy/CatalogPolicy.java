package dev.runway.catalog.policy;

/**
 * Resource-level write decisions for catalog entities. The one place that decides; the current implementation
 * decides from the token, and can be replaced by one asking access-service's PDP without touching callers.
 */
public interface CatalogPolicy {

    /**
     * May the caller write an entity that is currently owned by {@code currentOwnerRef} (null for a new entity)
     * so that it becomes owned by {@code newOwnerRef} (null for a delete)?
     *
     * @param currentOwnerRef canonical owning ref of the stored version, or null when there is none
     * @param newOwnerRef     canonical owning ref of the version being written, or null on delete
     * @param isNew           true when no live version exists
     */
    Decision mayWrite(Caller caller, String currentOwnerRef, String newOwnerRef, boolean isNew);
}
