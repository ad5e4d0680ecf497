package dev.runway.provisioning.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import dev.runway.provisioning.driver.ExternalFailure;

/**
 * Tests have no catalog-service: this stands in for it, keeping what it was sent, and can be made unavailable.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingCatalogGateway implements CatalogGateway {
    private final Map<String, Map<String, Object>> entities = new ConcurrentHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private volatile boolean available = true;

    @Override
    public synchronized void register(Map<String, Object> entity) {
        String name = String.valueOf(((Map<?, ?>) entity.get("metadata")).get("name"));
        calls.add("register " + name);
        if (!available) {
            throw new ExternalFailure("catalog-service unavailable (register): connection refused", true, null);
        }
        entities.put(name, entity);
    }

    @Override
    public synchronized void remove(String name) {
        calls.add("remove " + name);
        if (!available) {
            throw new ExternalFailure("catalog-service unavailable (remove): connection refused", true, null);
        }
        entities.remove(name);
    }

    public Map<String, Object> entity(String name) {
        return entities.get(name);
    }

    public synchronized long calls(String call) {
        return calls.stream().filter(call::equals).count();
    }

    public void available(boolean available) {
        this.available = available;
    }
}
