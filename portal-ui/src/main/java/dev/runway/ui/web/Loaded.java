package dev.runway.ui.web;

import java.util.List;
import java.util.function.Supplier;

import dev.runway.ui.client.ServiceProblem;

/**
 * One section of a page loaded from a service: its rows, or the readable reason it could not be loaded, so
 * one service being down empties one card, not the whole page.
 */
public record Loaded<T>(List<T> items, String error) {

    public static <T> Loaded<T> of(Supplier<List<T>> load) {
        try {
            return new Loaded<>(List.copyOf(load.get()), null);
        } catch (ServiceProblem e) {
            return new Loaded<>(List.of(), e.detail());
        }
    }

    /** Provisioning rows that still exist (not deleted or denied). */
    @SuppressWarnings("unchecked")
    public Loaded<T> visible() {
        return new Loaded<>(items.stream().filter(i -> !(i instanceof dev.runway.ui.client.ProvisioningApi.Request r
                && r.gone())).toList(), error);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public boolean failed() {
        return error != null;
    }
}
