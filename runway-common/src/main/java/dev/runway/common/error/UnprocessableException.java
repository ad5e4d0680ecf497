package dev.runway.common.error;

import java.util.List;

/** Well-formed, but refers to something that makes it impossible (an unknown owner, a quota exceeded). */
public class UnprocessableException extends RunwayException {
    public UnprocessableException(String message) {
        super(ProblemKind.UNPROCESSABLE, message, List.of(), null);
    }

    public UnprocessableException(String message, List<Problem.Violation> violations) {
        super(ProblemKind.UNPROCESSABLE, message, violations, null);
    }
}
