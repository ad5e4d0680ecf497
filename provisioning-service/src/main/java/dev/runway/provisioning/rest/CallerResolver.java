package dev.runway.provisioning.rest;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import dev.runway.provisioning.policy.Caller;

/**
 * The {@link Caller} of the current HTTP request in provisioning terms, mapped from runway-common's one
 * {@link dev.runway.common.security.Caller}. To go once provisioning takes the common caller itself (issue 17).
 */
@RequestScoped
public class CallerResolver {
    private final dev.runway.common.security.Caller caller;

    public CallerResolver(dev.runway.common.security.Caller caller) {
        this.caller = caller;
    }

    public Caller caller() {
        return new Caller(caller.username(), Set.copyOf(caller.teams()), caller.roles(), caller.requestId(),
                caller.clientAddress());
    }
}
