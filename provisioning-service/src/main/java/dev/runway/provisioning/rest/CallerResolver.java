package dev.runway.provisioning.rest;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import dev.runway.common.security.CallerIdentity;
import dev.runway.common.security.RequestCaller;
import dev.runway.provisioning.policy.Caller;

/** The {@link Caller} of the current HTTP request in provisioning terms, resolved from the token by runway-common. */
@RequestScoped
public class CallerResolver {
    private final RequestCaller requestCaller;

    public CallerResolver(RequestCaller requestCaller) {
        this.requestCaller = requestCaller;
    }

    public Caller caller() {
        CallerIdentity id = requestCaller.get();
        return new Caller(id.username(), Set.copyOf(id.teams()), id.roles(), id.requestId(), id.clientAddress());
    }
}
