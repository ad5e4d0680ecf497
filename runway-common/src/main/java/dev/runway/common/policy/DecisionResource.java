package dev.runway.common.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.runway.common.catalog.EntityRef;

/**
 * What a decision is about. {@code id} names it as role-binding scopes do ({@code entity:component:default/payments-api},
 * {@code environment:<id>}, {@code team:<name>}, {@code access-request:<id>}, {@code audit}); {@code owner} is the team
 * that owns it, which only the asking service knows; {@code attributes} carry the facts rules look at
 * ({@link #TIER}, {@link #REQUESTER}).
 */
public record DecisionResource(
        @NotBlank @Size(max = 512) @Pattern(regexp = "[a-z][a-z-]*(:.+)?", message = "must look like <kind>[:<name>]") String id,
        @Size(max = 255) String owner,
        @Size(max = 20) Map<@NotBlank @Size(max = 64) String, @Size(max = 255) String> attributes) {

    /** The environment tier: {@code production} needs an approver. */
    public static final String TIER = "tier";
    /** Who asked for the thing being approved: an approver is never the requester. */
    public static final String REQUESTER = "requester";
    public static final String PRODUCTION = "production";

    private static final String ENTITY_PREFIX = "entity:";
    private static final String ENVIRONMENT_PREFIX = "environment:";
    private static final String TEAM_PREFIX = "team:";

    public static final DecisionResource AUDIT_LOG = new DecisionResource("audit", null, Map.of());

    public DecisionResource {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static DecisionResource entity(String kind, String namespace, String name, String owner) {
        return entity(new EntityRef(kind, namespace, name), owner);
    }

    /** A catalog entity, named by its canonical ref: {@code entity:<kind>:<namespace>/<name>}. */
    public static DecisionResource entity(EntityRef ref, String owner) {
        return new DecisionResource(ENTITY_PREFIX + ref.canonical(), owner, Map.of());
    }

    public static DecisionResource environment(String id, String owner, String tier, String requester) {
        return new DecisionResource(ENVIRONMENT_PREFIX + id, owner, attributes(tier, requester));
    }

    /** An environment named by its id: {@code environment:<id>}. */
    public static DecisionResource environment(UUID id, String owner, String tier, String requester) {
        return environment(id.toString(), owner, tier, requester);
    }

    /** Something new for a team, which has no id of its own yet: {@code team:<team>}, owned by the team. */
    public static DecisionResource team(String team, String tier, String requester) {
        return new DecisionResource(TEAM_PREFIX + team, team, attributes(tier, requester));
    }

    /**
     * The environment a resource id names ({@code environment:<id>}, as in {@link Reach#resources()}), when it names
     * one.
     */
    public static Optional<String> environmentId(String resourceId) {
        return resourceId != null && resourceId.startsWith(ENVIRONMENT_PREFIX)
                ? Optional.of(resourceId.substring(ENVIRONMENT_PREFIX.length()))
                : Optional.empty();
    }

    private static Map<String, String> attributes(String tier, String requester) {
        Map<String, String> attributes = new HashMap<>();
        if (tier != null) {
            attributes.put(TIER, tier);
        }
        if (requester != null) {
            attributes.put(REQUESTER, requester);
        }
        return attributes;
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    /** The catalog entity this is about; empty when it is about something else (or a malformed entity id). */
    public Optional<EntityRef> entityRef() {
        return id.startsWith(ENTITY_PREFIX) ? EntityRef.tryParse(id.substring(ENTITY_PREFIX.length()), null,
                EntityRef.DEFAULT_NAMESPACE) : Optional.empty();
    }
}
