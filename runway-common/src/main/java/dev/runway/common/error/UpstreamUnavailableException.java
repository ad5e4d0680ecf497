package dev.runway.common.error;

import java.util.List;

/** A system Runway depends on (another service, Kubernetes, a database server) did not answer; safe to retry. */
public class UpstreamUnavailableException extends RunwayException {
    public UpstreamUnavailableException(String message) {
        super(ProblemKind.UPSTREAM_UNAVAILABLE, message, List.of(), null);
    }

    public UpstreamUnavailableException(String message, Throwable cause) {
        super(ProblemKind.UPSTREAM_UNAVAILABLE, message, List.of(), cause);
    }
}
