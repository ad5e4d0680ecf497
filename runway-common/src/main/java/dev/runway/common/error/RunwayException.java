package dev.runway.common.error;

import java.util.List;

/**
 * Root of Runway's small error taxonomy (after Backstage's {@code packages/errors}). Each subclass fixes
 * the {@link ProblemKind}; the message is shown to the caller, so it must never carry secrets, SQL or
 * class names.
 */
public abstract class RunwayException extends RuntimeException {
    private final ProblemKind kind;
    private final List<Problem.Violation> violations;

    protected RunwayException(ProblemKind kind, String message, List<Problem.Violation> violations, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public ProblemKind kind() {
        return kind;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
