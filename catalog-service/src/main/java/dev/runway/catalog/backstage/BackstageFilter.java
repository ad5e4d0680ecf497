package dev.runway.catalog.backstage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;

/**
 * Backstage's {@code filter} query parameters, parsed as its catalog backend parses them: each parameter is a set of
 * comma-separated conditions that must all hold (AND); an entity matches when any set holds (OR). A condition is
 * {@code key=value} or a bare {@code key} ("exists"); the same key given twice in one set matches either value. Keys and
 * values compare case-insensitively, so both are kept lower-cased here.
 *
 * @param sets the filter sets, ORed; empty means "every entity"
 */
public record BackstageFilter(List<List<Condition>> sets) {

    /**
     * One key of a filter set.
     *
     * @param key lower-cased dotted path ({@code spec.type}, {@code relations.ownedby}, {@code metadata.tags.java})
     * @param values lower-cased values, any of which matches; empty when the key alone was given (exists)
     */
    public record Condition(String key, List<String> values) {
        public boolean exists() {
            return values.isEmpty();
        }
    }

    public static final BackstageFilter ALL = new BackstageFilter(List.of());

    public boolean matchesAll() {
        return sets.isEmpty();
    }

    public static BackstageFilter parse(List<String> params) {
        if (params == null || params.isEmpty()) {
            return ALL;
        }
        List<List<Condition>> sets = new ArrayList<>();
        for (String param : params) {
            Map<String, List<String>> byKey = new LinkedHashMap<>();
            for (String raw : param.split(",")) {
                String statement = raw.trim();
                if (statement.isEmpty()) {
                    continue;
                }
                int eq = statement.indexOf('=');
                String key = (eq < 0 ? statement : statement.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                if (key.isEmpty()) {
                    throw new InvalidInputException("Invalid filter, " + statement + " is not a valid statement"
                            + " (expected a string on the form a=b or a= or a)",
                            List.of(new Problem.Violation("filter", "statement without a key: " + statement)));
                }
                List<String> values = byKey.computeIfAbsent(key, k -> new ArrayList<>());
                if (eq >= 0) {
                    values.add(statement.substring(eq + 1).trim().toLowerCase(Locale.ROOT));
                }
            }
            if (!byKey.isEmpty()) {
                // A key both given alone and with values asks for the values (Backstage: values win over exists).
                sets.add(byKey.entrySet().stream().map(e -> new Condition(e.getKey(), List.copyOf(e.getValue())))
                        .toList());
            }
        }
        return new BackstageFilter(List.copyOf(sets));
    }
}
