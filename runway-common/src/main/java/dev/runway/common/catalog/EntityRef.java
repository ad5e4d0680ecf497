package dev.runway.common.catalog;

import java.util.Locale;
import java.util.Optional;

/**
 * A Backstage entity reference {@code kind:namespace/name}: the one parser and formatter of entity refs in Runway
 * (catalog, access-service's policy, the portal). Backstage compares references case-insensitively, so the
 * canonical form (used for storage, uniqueness, comparison and policy scopes) is lower-cased
 * ({@code stringifyEntityRef}).
 */
public record EntityRef(String kind, String namespace, String name) {

    public static final String DEFAULT_NAMESPACE = "default";
    private static final String TEAM_PREFIX = "group:" + DEFAULT_NAMESPACE + "/";

    /** The canonical, lower-cased {@code kind:namespace/name}. */
    public String canonical() {
        return (kind + ":" + namespace + "/" + name).toLowerCase(Locale.ROOT);
    }

    /** {@code kind:namespace/name} as written, kind lower-cased: for showing a ref to people. */
    public String reference() {
        return kind.toLowerCase(Locale.ROOT) + ":" + namespace + "/" + name;
    }

    @Override
    public String toString() {
        return canonical();
    }

    /**
     * Parses {@code [kind:][namespace/]name} as Backstage's current {@code parseEntityRef} does: split on the
     * first {@code :} and the first {@code /}; a {@code /} before the {@code :} makes the colon part of the name.
     *
     * @param defaultKind      kind when the reference has none; {@code null} when the field has no default kind
     * @param defaultNamespace namespace when the reference has none
     * @throws IllegalArgumentException with Backstage's message when the reference is malformed
     */
    public static EntityRef parse(String ref, String defaultKind, String defaultNamespace) {
        if (ref == null || ref.isEmpty()) {
            throw new IllegalArgumentException("Entity reference must not be empty");
        }
        String kind = null;
        String rest = ref;
        int colon = ref.indexOf(':');
        int slash = ref.indexOf('/');
        if (colon >= 0 && (slash < 0 || colon < slash)) {
            kind = ref.substring(0, colon);
            rest = ref.substring(colon + 1);
            if (kind.isEmpty()) {
                throw malformed(ref);
            }
        }
        String namespace = null;
        String name = rest;
        int restSlash = rest.indexOf('/');
        if (restSlash >= 0) {
            namespace = rest.substring(0, restSlash);
            name = rest.substring(restSlash + 1);
            if (namespace.isEmpty()) {
                throw malformed(ref);
            }
        }
        if (name.isEmpty()) {
            throw malformed(ref);
        }
        if (kind == null) {
            if (defaultKind == null) {
                throw new IllegalArgumentException("Entity reference \"" + ref + "\" had missing or empty kind");
            }
            kind = defaultKind;
        }
        return new EntityRef(kind, namespace == null ? defaultNamespace : namespace, name);
    }

    /** Parses a canonical or user-written reference where kind and namespace are mandatory context-free. */
    public static EntityRef parse(String ref) {
        return parse(ref, null, DEFAULT_NAMESPACE);
    }

    /** Like {@link #parse(String, String, String)}, empty instead of throwing on a malformed reference. */
    public static Optional<EntityRef> tryParse(String ref, String defaultKind, String defaultNamespace) {
        try {
            return Optional.of(parse(ref, defaultKind, defaultNamespace));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The single-sign-on team an owner ref names: a Group in the default namespace is a team of the same name
     * ({@code group:default/payments} is team {@code payments}); other owners (users, groups of other namespaces)
     * are no team.
     */
    public static Optional<String> team(String ownerRef) {
        return ownerRef != null && ownerRef.startsWith(TEAM_PREFIX)
                ? Optional.of(ownerRef.substring(TEAM_PREFIX.length()))
                : Optional.empty();
    }

    /** The Group entity of a single-sign-on team, {@code group:default/<team>}: the inverse of {@link #team}. */
    public static EntityRef ofTeam(String team) {
        return new EntityRef("group", DEFAULT_NAMESPACE, team);
    }

    private static IllegalArgumentException malformed(String ref) {
        return new IllegalArgumentException(
                "Entity reference \"" + ref + "\" was not on the form [<kind>:][<namespace>/]<name>");
    }
}
