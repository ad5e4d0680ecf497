package dev.runway.common.policy;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where an action of the caller may apply, as far as the policy can say without a resource in hand: everything, or
 * only resources owned by {@link #teams} or named in {@link #resources}. A superset, for narrowing a search before
 * asking: every resource the policy would allow lies within the reach, but not everything within it is allowed, so
 * each candidate is still decided. Lets a list read only the rows of the caller's teams and bindings instead of
 * deciding every row of the table.
 */
@Schema(description = "Where an action of the caller may apply: everything, or resources owned by these teams or "
        + "named here. A superset to narrow a search; each candidate is still to be decided.")
public record Reach(
        @Schema(description = "The action may apply to any resource") boolean everything,
        @Schema(description = "Teams whose resources it may apply to") List<String> teams,
        @Schema(description = "Resource ids it may apply to (for example environment:<id>)") List<String> resources) {

    public Reach {
        teams = teams == null ? List.of() : List.copyOf(teams);
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    public static Reach all() {
        return new Reach(true, List.of(), List.of());
    }
}
