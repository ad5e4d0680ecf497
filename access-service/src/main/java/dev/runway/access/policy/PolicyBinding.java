package dev.runway.access.policy;

import java.time.Instant;

/** A role binding or grant as the policy sees it. {@code expiresAt} null: no expiry. */
public record PolicyBinding(String id, String subject, String role, String scope, Instant expiresAt) {

    public boolean liveAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    public String describe() {
        return id + " " + subject + " " + role + " on " + scope;
    }
}
