package dev.runway.access.policy;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.runway.common.catalog.EntityRef;
import dev.runway.common.policy.DecisionResource;

/**
 * Role-binding scopes ({@code global}, {@code team:<name>}, {@code environment:<id>},
 * {@code entity:<kind>:<namespace>/<name>}) and subjects ({@code user:<name>}, {@code team:<name>}).
 */
public final class Scopes {
    public static final String GLOBAL = "global";
    private static final String ENTITY = "entity:";
    public static final String SCOPE_REGEX = "global|team:[a-z0-9][a-z0-9._-]{0,62}|environment:[a-z0-9][a-z0-9._-]{0,62}"
            + "|entity:[a-zA-Z][a-zA-Z0-9]{0,62}:[a-z0-9][a-z0-9._-]{0,62}/[a-z0-9][a-z0-9._-]{0,62}";
    public static final String SUBJECT_REGEX = "(user|team):[a-z0-9][a-z0-9._@-]{0,254}";
    public static final String SCOPE_MESSAGE = "must be global, team:<name>, environment:<id> or entity:<kind>:<namespace>/<name>";
    public static final String SUBJECT_MESSAGE = "must be user:<name> or team:<name>";

    private static final Pattern SCOPE = Pattern.compile(SCOPE_REGEX);

    private Scopes() {
    }

    public static boolean isValid(String scope) {
        return scope != null && SCOPE.matcher(scope).matches();
    }

    /** The team a scope belongs to, whose leads approve access to it; only {@code team:} scopes have one. */
    public static Optional<String> team(String scope) {
        return scope.startsWith("team:") ? Optional.of(scope.substring(5)) : Optional.empty();
    }

    /** Whether a binding on {@code scope} reaches {@code resource}. */
    public static boolean covers(String scope, DecisionResource resource) {
        if (GLOBAL.equals(scope)) {
            return true;
        }
        if (scope.startsWith("team:")) {
            String team = scope.substring(5);
            return team.equals(resource.owner()) || scope.equals(resource.id());
        }
        if (scope.startsWith(ENTITY)) {
            // Backstage entity references compare case-insensitively: by their canonical form.
            Optional<String> bound = EntityRef.tryParse(scope.substring(ENTITY.length()), null,
                    EntityRef.DEFAULT_NAMESPACE).map(EntityRef::canonical);
            return bound.isPresent() && bound.equals(resource.entityRef().map(EntityRef::canonical));
        }
        return scope.equals(resource.id());
    }
}
