package dev.runway.ui.signin;

/** A browser was about to be sent to the identity provider to sign in, but the portal cannot reach it. */
public class IdentityProviderUnavailableException extends RuntimeException {
    public IdentityProviderUnavailableException(String message) {
        super(message, null, false, false);
    }
}
