package dev.runway.provisioning.service;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** One page of a list, in list order; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }

    /** The page as the response record of a resource. */
    public <R> R into(BiFunction<List<T>, String, R> response) {
        return response.apply(items, nextCursor);
    }
}
