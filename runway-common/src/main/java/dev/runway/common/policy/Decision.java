package dev.runway.common.policy;

/**
 * The answer of the policy decision point. {@code matchedBinding} names the role binding that allowed it
 * ({@code <id> <subject> <role> on <scope>}), or is null when a built-in rule decided.
 */
public record Decision(Effect decision, String reason, String matchedBinding) {

    public enum Effect {
        ALLOW, DENY
    }

    public static Decision allow(String reason, String matchedBinding) {
        return new Decision(Effect.ALLOW, reason, matchedBinding);
    }

    public static Decision deny(String reason) {
        return new Decision(Effect.DENY, reason, null);
    }

    public boolean allowed() {
        return decision == Effect.ALLOW;
    }
}
