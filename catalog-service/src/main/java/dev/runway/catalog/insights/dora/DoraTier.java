package dev.runway.catalog.insights.dora;

import com.fasterxml.jackson.annotation.JsonValue;

/** A DORA performance tier, plus the two answers that are not tiers: no data, and a metric DORA does not rate. */
public enum DoraTier {
    ELITE("elite"), HIGH("high"), MEDIUM("medium"), LOW("low"), NO_DATA("no_data"), UNRATED("unrated");

    private final String wire;

    DoraTier(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
