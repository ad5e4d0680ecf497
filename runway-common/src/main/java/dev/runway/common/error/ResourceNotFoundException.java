package dev.runway.common.error;

import java.util.List;

/** The resource does not exist, or the caller may not see it (a read the caller may not see answers 404). */
public class ResourceNotFoundException extends RunwayException {
    public ResourceNotFoundException(String message) {
        super(ProblemKind.NOT_FOUND, message, List.of(), null);
    }
}
