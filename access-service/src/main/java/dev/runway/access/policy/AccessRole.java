package dev.runway.access.policy;

import static dev.runway.common.policy.Actions.ACCESS_REQUEST_APPROVE;
import static dev.runway.common.policy.Actions.AUDIT_READ;
import static dev.runway.common.policy.Actions.CATALOG_ENTITY_DELETE;
import static dev.runway.common.policy.Actions.CATALOG_ENTITY_READ;
import static dev.runway.common.policy.Actions.CATALOG_ENTITY_WRITE;
import static dev.runway.common.policy.Actions.DATABASE_DELETE;
import static dev.runway.common.policy.Actions.DATABASE_READ;
import static dev.runway.common.policy.Actions.DATABASE_REQUEST;
import static dev.runway.common.policy.Actions.ENVIRONMENT_APPROVE;
import static dev.runway.common.policy.Actions.ENVIRONMENT_DELETE;
import static dev.runway.common.policy.Actions.ENVIRONMENT_READ;
import static dev.runway.common.policy.Actions.ENVIRONMENT_REQUEST;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.runway.common.policy.Actions;

/** The roles a role binding or grant can hold, each with the actions it allows on its scope. */
public enum AccessRole {
    VIEWER("viewer", Set.of(CATALOG_ENTITY_READ, ENVIRONMENT_READ, DATABASE_READ)),
    DEVELOPER("developer", with(VIEWER, CATALOG_ENTITY_WRITE, ENVIRONMENT_REQUEST, DATABASE_REQUEST)),
    MAINTAINER("maintainer", with(DEVELOPER, CATALOG_ENTITY_DELETE, ENVIRONMENT_DELETE, DATABASE_DELETE)),
    OWNER("owner", with(MAINTAINER, ENVIRONMENT_APPROVE, ACCESS_REQUEST_APPROVE)),
    APPROVER("approver", with(VIEWER, ENVIRONMENT_APPROVE, ACCESS_REQUEST_APPROVE)),
    AUDITOR("auditor", with(VIEWER, AUDIT_READ)),
    PLATFORM_ADMIN("platform-admin", Set.copyOf(Actions.ALL));

    public static final List<String> NAMES = Arrays.stream(values()).map(AccessRole::value).toList();

    private final String value;
    private final Set<String> actions;

    AccessRole(String value, Set<String> actions) {
        this.value = value;
        this.actions = actions;
    }

    public String value() {
        return value;
    }

    public boolean allows(String action) {
        return actions.contains(action);
    }

    /** Roles whose grants are capped at the shorter "elevated" duration: they may delete and approve. */
    public boolean elevated() {
        return this == MAINTAINER || this == OWNER || this == PLATFORM_ADMIN;
    }

    public static Optional<AccessRole> of(String value) {
        return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
    }

    private static Set<String> with(AccessRole base, String... more) {
        Set<String> all = new HashSet<>(base.actions);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
