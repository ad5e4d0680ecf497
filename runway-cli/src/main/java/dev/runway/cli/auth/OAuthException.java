package dev.runway.cli.auth;

/** An OAuth 2.0 error answer from the token or device endpoint ({@code error}, {@code error_description}). */
public final class OAuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String error;

    public OAuthException(String error, String description) {
        super(description == null || description.isBlank() ? error : error + ": " + description);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
