package dev.runway.provisioning.client;

import java.util.Map;

import dev.runway.provisioning.driver.ExternalFailure;

/** What the reconciler needs from catalog-service: keep a Resource entity registered, or remove it. */
public interface CatalogGateway {

    /**
     * Creates the entity, or replaces it when it already exists (idempotent).
     *
     * @param entity a Backstage descriptor of kind Resource in namespace default
     * @throws ExternalFailure when catalog-service cannot be reached or refuses
     */
    void register(Map<String, Object> entity);

    /** Removes Resource {@code default/<name>}; one that is already gone is fine. */
    void remove(String name);
}
