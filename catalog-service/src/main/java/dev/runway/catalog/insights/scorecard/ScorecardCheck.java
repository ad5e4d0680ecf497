package dev.runway.catalog.insights.scorecard;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fixed vocabulary of checks a scorecard rule may use. Each is a real fact about a catalog entity, computed for
 * many entities at once by {@code ScorecardRepository} (one set-based query). A check that does not concern an
 * entity (an API definition rule on a Component) is "not applicable" and does not hold a level back.
 */
public enum ScorecardCheck {
    /** spec.owner names a live Group entity. */
    OWNER_IS_GROUP,
    /** metadata.description is not blank. */
    HAS_DESCRIPTION,
    /** At least one metadata.tags entry. */
    HAS_TAGS,
    /** spec.lifecycle set; only Components and APIs have one. */
    HAS_LIFECYCLE,
    /** An API's spec.definition is not blank; other kinds not applicable. */
    API_HAS_DEFINITION,
    /** A production entity names its spec.system; entities of other lifecycles not applicable. */
    PRODUCTION_HAS_SYSTEM,
    /** A docs/runbook link (type or title mentions docs or runbook) or a docs/runbook annotation. */
    HAS_DOCS_OR_RUNBOOK,
    /** pagerduty.com/service-id, pagerduty.com/integration-key, opsgenie.com/team, opsgenie.com/component-selector
     *  or runway.dev/on-call annotation. */
    HAS_ON_CALL,
    /** backstage.io/source-location or a code-host project annotation. */
    HAS_SOURCE_LOCATION,
    /** A deployment to any environment finished in the last 30 days. */
    DEPLOYED_LAST_30_DAYS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ScorecardCheck> fromWire(String s) {
        return Arrays.stream(values()).filter(c -> c.wire().equalsIgnoreCase(s)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(ScorecardCheck::wire).collect(Collectors.joining(", "));
    }
}
