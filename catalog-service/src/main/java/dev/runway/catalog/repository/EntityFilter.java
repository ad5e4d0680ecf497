package dev.runway.catalog.repository;

import java.util.List;

/**
 * Filters of the list, facet and export queries, already canonical: lower-cased kind, canonical refs for owner and
 * system, label as key and value. Null or empty means "any".
 */
public record EntityFilter(String kind, String type, String ownerRef, String lifecycle, String namespace,
        List<String> tags, String labelKey, String labelValue, String systemRef, String query) {
}
