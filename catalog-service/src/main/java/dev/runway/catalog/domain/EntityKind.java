package dev.runway.catalog.domain;

import java.util.List;

import dev.runway.common.error.ResourceNotFoundException;

/**
 * The built-in kinds of Backstage's catalog model (and the scaffolder's Template), with the spec fields each requires
 * ({@code schema/kinds/*.v1alpha1.schema.json}) and the reference fields that generate relations
 * ({@code BuiltinKindsEntityProcessor}).
 */
public enum EntityKind {
    COMPONENT("Component", List.of("type", "lifecycle", "owner"), List.of(
            RefField.single("owner", "Group", RelationType.OWNED_BY),
            RefField.single("system", "System", RelationType.PART_OF),
            RefField.single("subcomponentOf", "Component", RelationType.PART_OF),
            RefField.many("providesApis", "API", RelationType.PROVIDES_API),
            RefField.many("consumesApis", "API", RelationType.CONSUMES_API),
            RefField.many("dependsOn", null, RelationType.DEPENDS_ON),
            RefField.many("dependencyOf", null, RelationType.DEPENDENCY_OF))),
    API("API", List.of("type", "lifecycle", "owner", "definition"), List.of(
            RefField.single("owner", "Group", RelationType.OWNED_BY),
            RefField.single("system", "System", RelationType.PART_OF))),
    RESOURCE("Resource", List.of("type", "owner"), List.of(
            RefField.single("owner", "Group", RelationType.OWNED_BY),
            RefField.single("system", "System", RelationType.PART_OF),
            RefField.many("dependsOn", null, RelationType.DEPENDS_ON),
            RefField.many("dependencyOf", null, RelationType.DEPENDENCY_OF))),
    SYSTEM("System", List.of("owner"), List.of(
            RefField.single("owner", "Group", RelationType.OWNED_BY),
            RefField.single("domain", "Domain", RelationType.PART_OF))),
    DOMAIN("Domain", List.of("owner"), List.of(
            RefField.single("owner", "Group", RelationType.OWNED_BY),
            RefField.single("subdomainOf", "Domain", RelationType.PART_OF))),
    GROUP("Group", List.of("type", "children"), List.of(
            RefField.single("parent", "Group", RelationType.CHILD_OF),
            RefField.many("children", "Group", RelationType.PARENT_OF),
            RefField.many("members", "User", RelationType.HAS_MEMBER))),
    USER("User", List.of("memberOf"), List.of(
            RefField.many("memberOf", "Group", RelationType.MEMBER_OF))),
    LOCATION("Location", List.of(), List.of()),
    /**
     * The scaffolder's kind ({@code plugins/scaffolder-common/src/Template.v1beta3.schema.json}): its spec is
     * checked against that schema, restated in {@code kinds/Template.v1beta3.spec.schema.json}.
     */
    TEMPLATE("Template", List.of("scaffolder.backstage.io/v1beta3"), List.of(), List.of(
            RefField.single("owner", "Group", RelationType.OWNED_BY)), "/kinds/Template.v1beta3.spec.schema.json");

    public final String wireName;
    public final List<String> apiVersions;
    public final List<String> requiredSpecFields;
    public final List<RefField> refFields;
    /** A classpath JSON Schema for the spec, for kinds whose Backstage schema is more than required fields. */
    public final String specSchemaResource;

    EntityKind(String wireName, List<String> requiredSpecFields, List<RefField> refFields) {
        // The apiVersions of Backstage's schema/kinds/*.v1alpha1.schema.json.
        this(wireName, List.of("backstage.io/v1alpha1", "backstage.io/v1beta1"), requiredSpecFields, refFields, null);
    }

    EntityKind(String wireName, List<String> apiVersions, List<String> requiredSpecFields, List<RefField> refFields,
            String specSchemaResource) {
        this.wireName = wireName;
        this.apiVersions = apiVersions;
        this.requiredSpecFields = requiredSpecFields;
        this.refFields = refFields;
        this.specSchemaResource = specSchemaResource;
    }

    /** For path parameters and filters, where kinds are compared case-insensitively like refs. */
    public static EntityKind fromAnyCase(String kind) {
        for (EntityKind k : values()) {
            if (k.wireName.equalsIgnoreCase(kind)) {
                return k;
            }
        }
        return null;
    }

    /** The kind a URL path names, in any case; an unknown kind is simply an entity that does not exist (404). */
    public static EntityKind fromPath(String kind) {
        EntityKind k = fromAnyCase(kind);
        if (k == null) {
            throw new ResourceNotFoundException("No entity kind " + kind + "; kinds are " + wireNames() + ".");
        }
        return k;
    }

    public static String wireNames() {
        return String.join(", ", java.util.Arrays.stream(values()).map(k -> k.wireName).toList());
    }

    /** A spec field holding one reference or a list of them; {@code defaultKind} null means the ref must name its kind. */
    public record RefField(String field, String defaultKind, RelationType relation, boolean array) {
        public static RefField single(String field, String defaultKind, RelationType relation) {
            return new RefField(field, defaultKind, relation, false);
        }

        public static RefField many(String field, String defaultKind, RelationType relation) {
            return new RefField(field, defaultKind, relation, true);
        }
    }
}
