package dev.runway.provisioning.driver;

/**
 * A failure of an external system (Kubernetes API, database server), already translated at the adapter
 * boundary: the message is safe to record and show (no secrets, no SQL), and {@link #retryable()} says
 * whether backing off and trying again can help.
 */
public class ExternalFailure extends RuntimeException {
    private final boolean retryable;

    public ExternalFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
