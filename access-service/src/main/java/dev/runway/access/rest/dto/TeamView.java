package dev.runway.access.rest.dto;

import java.time.Instant;
import java.util.List;

/** A team: members as seen in tokens so far, leads recorded in access-service, and the bindings naming it. */
public record TeamView(String name, List<Member> members, List<String> leads, List<RoleBindingView> roleBindings) {

    public record Member(String username, String displayName, Instant lastSeen) {
    }
}
