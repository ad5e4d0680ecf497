package dev.runway.catalog.policy;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import dev.runway.common.security.CallerIdentity;
import dev.runway.common.security.RequestCaller;

/** The request's {@link Caller} in catalog terms, resolved from the verified token by runway-common. */
@RequestScoped
public class CallerContext {
    private final RequestCaller requestCaller;

    public CallerContext(RequestCaller requestCaller) {
        this.requestCaller = requestCaller;
    }

    public Caller caller() {
        CallerIdentity id = requestCaller.get();
        return new Caller(id.username(), Set.copyOf(id.teams()), id.roles(), id.requestId(), id.clientAddress());
    }
}
