package dev.runway.catalog.insights.scorecard;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Levels in ascending order; an entity reaches a level when every rule of it and of the levels below passes. */
public enum ScorecardLevel {
    NONE, BRONZE, SILVER, GOLD;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The levels a rule may carry (not {@link #NONE}). */
    public static Optional<ScorecardLevel> ruleLevel(String s) {
        return Arrays.stream(values()).filter(l -> l != NONE && l.wire().equalsIgnoreCase(s)).findFirst();
    }
}
