package dev.runway.access.rest;

import jakarta.enterprise.context.RequestScoped;

import dev.runway.access.service.Caller;
import dev.runway.common.security.CallerIdentity;
import dev.runway.common.security.RequestCaller;

/** The request's caller in access-service's terms, resolved from the verified token by runway-common. */
@RequestScoped
public class CurrentCaller {
    private final RequestCaller requestCaller;

    public CurrentCaller(RequestCaller requestCaller) {
        this.requestCaller = requestCaller;
    }

    public Caller get() {
        CallerIdentity id = requestCaller.get();
        return new Caller(id.username(), id.displayName(), id.teams(), id.roles(), id.requestId(), id.clientAddress());
    }
}
