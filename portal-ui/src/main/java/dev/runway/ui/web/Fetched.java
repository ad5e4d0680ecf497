package dev.runway.ui.web;

import java.util.function.Supplier;

import dev.runway.ui.client.ServiceProblem;

/**
 * One answer of a service for one section of a page, or the readable reason it could not be had: the single-value
 * sibling of {@link Loaded}, so a failing insights call empties its own section and the page still renders.
 */
public record Fetched<T>(T value, String error) {

    public static <T> Fetched<T> of(Supplier<T> load) {
        try {
            return new Fetched<>(load.get(), null);
        } catch (ServiceProblem e) {
            return new Fetched<>(null, e.inWords());
        }
    }

    public boolean failed() {
        return error != null;
    }
}
