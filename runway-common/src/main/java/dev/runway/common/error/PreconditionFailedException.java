package dev.runway.common.error;

import java.util.List;

/** An {@code If-Match} precondition did not hold: the caller's copy is stale. */
public class PreconditionFailedException extends RunwayException {
    public PreconditionFailedException(String message) {
        super(ProblemKind.PRECONDITION_FAILED, message, List.of(), null);
    }
}
