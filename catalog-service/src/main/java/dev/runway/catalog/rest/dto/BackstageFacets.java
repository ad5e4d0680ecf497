package dev.runway.catalog.rest.dto;

import java.util.List;
import java.util.Map;

/** Backstage's /entity-facets answer: for each facet asked, its values with the number of entities carrying each. */
public record BackstageFacets(Map<String, List<FacetValue>> facets) {

    public record FacetValue(String value, long count) {
    }
}
