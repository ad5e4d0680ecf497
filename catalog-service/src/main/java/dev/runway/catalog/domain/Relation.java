package dev.runway.catalog.domain;

/** A directed edge between two canonical entity references. */
public record Relation(String sourceRef, RelationType type, String targetRef) {

    public Relation inverse() {
        return new Relation(targetRef, type.inverse(), sourceRef);
    }
}
