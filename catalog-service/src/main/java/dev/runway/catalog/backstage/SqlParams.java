package dev.runway.catalog.backstage;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Query;

/** The positional parameters of one native statement being built: {@link #add} hands out {@code ?n}. */
final class SqlParams {
    private final List<Object> values = new ArrayList<>();

    String add(Object value) {
        values.add(value);
        return "?" + values.size();
    }

    Query bind(Query q) {
        for (int i = 0; i < values.size(); i++) {
            q.setParameter(i + 1, values.get(i));
        }
        return q;
    }
}
