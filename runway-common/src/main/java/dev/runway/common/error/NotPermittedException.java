package dev.runway.common.error;

import java.util.List;

/** The caller is authenticated but may not perform this action. */
public class NotPermittedException extends RunwayException {
    public NotPermittedException(String message) {
        super(ProblemKind.NOT_PERMITTED, message, List.of(), null);
    }
}
