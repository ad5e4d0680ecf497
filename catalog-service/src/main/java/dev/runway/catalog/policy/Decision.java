package dev.runway.catalog.policy;

/** A policy verdict with the reason shown to the caller and written to the audit trail. */
public record Decision(boolean allowed, String reason) {
    public static Decision allow(String reason) {
        return new Decision(true, reason);
    }

    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
