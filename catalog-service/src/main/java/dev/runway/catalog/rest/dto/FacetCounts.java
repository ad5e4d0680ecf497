package dev.runway.catalog.rest.dto;

import java.util.List;

/** How many live entities carry each value of one field, under the request's filters, most frequent first. */
public record FacetCounts(String field, List<FacetValue> values) {
    public record FacetValue(String value, long count) {
    }
}
