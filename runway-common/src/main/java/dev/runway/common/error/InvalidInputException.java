package dev.runway.common.error;

import java.util.List;

/** The request is malformed or breaks a rule; {@link #violations()} names each offending field. */
public class InvalidInputException extends RunwayException {
    public InvalidInputException(String message) {
        super(ProblemKind.INVALID_INPUT, message, List.of(), null);
    }

    public InvalidInputException(String message, List<Problem.Violation> violations) {
        super(ProblemKind.INVALID_INPUT, message, violations, null);
    }
}
