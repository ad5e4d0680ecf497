package dev.runway.common.error;

import java.util.List;

/** The request conflicts with the current state (duplicate name, illegal state transition). */
public class ConflictException extends RunwayException {
    public ConflictException(String message) {
        super(ProblemKind.CONFLICT, message, List.of(), null);
    }
}
