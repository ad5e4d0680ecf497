package dev.runway.catalog.insights.service;

import java.util.List;

import dev.runway.catalog.config.CatalogConfig;
import dev.runway.common.catalog.EntityRef;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;

/** The query parameters the insights reads share: entity refs and page sizes, each refused with 400 naming it. */
final class QueryParameters {
    private QueryParameters() {
    }

    /** A list filter's entity reference, canonical (default kind Component); blank is no filter. */
    static String entityFilter(String param, String ref) {
        if (ref == null || ref.isBlank()) {
            return null;
        }
        try {
            return EntityRef.parse(ref, "Component", EntityRef.DEFAULT_NAMESPACE).canonical();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid " + param + ".", List.of(new Problem.Violation(param,
                    e.getMessage())));
        }
    }

    static int limit(Integer limit, CatalogConfig config) {
        int l = limit == null ? config.defaultPageSize() : limit;
        if (l < 1 || l > config.maxPageSize()) {
            throw new InvalidInputException("Invalid limit.", List.of(new Problem.Violation("limit",
                    "must be between 1 and " + config.maxPageSize())));
        }
        return l;
    }

    /**
     * Canonical ref of a query parameter, or null with a violation added; {@code requiredKind} (lower-case) when only
     * one kind makes sense.
     */
    static String ref(String param, String value, String defaultKind, String requiredKind,
            List<Problem.Violation> violations) {
        try {
            EntityRef ref = EntityRef.parse(value.trim(), defaultKind, EntityRef.DEFAULT_NAMESPACE);
            if (requiredKind != null && !ref.kind().equalsIgnoreCase(requiredKind)) {
                violations.add(new Problem.Violation(param, "must name a " + defaultKind));
                return null;
            }
            return ref.canonical();
        } catch (IllegalArgumentException e) {
            violations.add(new Problem.Violation(param, e.getMessage()));
            return null;
        }
    }
}
