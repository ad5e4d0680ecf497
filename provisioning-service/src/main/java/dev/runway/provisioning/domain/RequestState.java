package dev.runway.provisioning.domain;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of a request; {@link #next} lists the legal transitions. */
public enum RequestState {
    REQUESTED, PENDING_APPROVAL, APPROVED, DENIED, PROVISIONING, READY, FAILED, DEPROVISIONING, DELETED;

    /** States that no longer hold anything in the world and free the name. */
    public static final Set<RequestState> GONE = EnumSet.of(DENIED, DELETED);

    public Set<RequestState> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(PENDING_APPROVAL, APPROVED);
            case PENDING_APPROVAL -> EnumSet.of(APPROVED, DENIED, DEPROVISIONING);
            case APPROVED -> EnumSet.of(PROVISIONING, FAILED, DEPROVISIONING);
            case PROVISIONING -> EnumSet.of(READY, FAILED, DEPROVISIONING);
            case READY -> EnumSet.of(FAILED, DEPROVISIONING);
            case FAILED -> EnumSet.of(PROVISIONING, DEPROVISIONING);
            case DEPROVISIONING -> EnumSet.of(DELETED, FAILED);
            case DENIED, DELETED -> EnumSet.noneOf(RequestState.class);
        };
    }
}
