package dev.runway.ui.client;

import java.util.Locale;

/** An approver's answer; its path segment is how access-service and provisioning-service both name the decision. */
public enum Verdict {
    APPROVE, DENY;

    /** A form's "approve" approves; anything else denies, so that a tampered form can never approve. */
    public static Verdict of(String decision) {
        return "approve".equals(decision) ? APPROVE : DENY;
    }

    /** The path segment: "approve" or "deny". */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
