package dev.runway.catalog.domain;

/** Backstage's built-in relation types, each with the type of the same edge seen from the other end. */
public enum RelationType {
    OWNED_BY("ownedBy"), OWNER_OF("ownerOf"),
    PART_OF("partOf"), HAS_PART("hasPart"),
    PROVIDES_API("providesApi"), API_PROVIDED_BY("apiProvidedBy"),
    CONSUMES_API("consumesApi"), API_CONSUMED_BY("apiConsumedBy"),
    DEPENDS_ON("dependsOn"), DEPENDENCY_OF("dependencyOf"),
    MEMBER_OF("memberOf"), HAS_MEMBER("hasMember"),
    PARENT_OF("parentOf"), CHILD_OF("childOf");

    public final String wireName;

    RelationType(String wireName) {
        this.wireName = wireName;
    }

    public RelationType inverse() {
        return switch (this) {
            case OWNED_BY -> OWNER_OF;
            case OWNER_OF -> OWNED_BY;
            case PART_OF -> HAS_PART;
            case HAS_PART -> PART_OF;
            case PROVIDES_API -> API_PROVIDED_BY;
            case API_PROVIDED_BY -> PROVIDES_API;
            case CONSUMES_API -> API_CONSUMED_BY;
            case API_CONSUMED_BY -> CONSUMES_API;
            case DEPENDS_ON -> DEPENDENCY_OF;
            case DEPENDENCY_OF -> DEPENDS_ON;
            case MEMBER_OF -> HAS_MEMBER;
            case HAS_MEMBER -> MEMBER_OF;
            case PARENT_OF -> CHILD_OF;
            case CHILD_OF -> PARENT_OF;
        };
    }

    public static RelationType fromWire(String wire) {
        for (RelationType t : values()) {
            if (t.wireName.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown relation type " + wire);
    }
}
