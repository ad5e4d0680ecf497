package dev.runway.ui.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Calls the services as the signed-in user: the access token from the user's OIDC session goes into the
 * Authorization header of the server-side call and never into a page.
 */
@ApplicationScoped
public class UserTokenFilter implements ClientRequestFilter {
    private final SecurityIdentity identity;

    public UserTokenFilter(SecurityIdentity identity) {
        this.identity = identity;
    }

    @Override
    public void filter(ClientRequestContext request) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
        }
    }
}
