package dev.runway.access.mapping;

import java.time.Duration;

import dev.runway.access.domain.AccessRequest;
import dev.runway.access.domain.RoleBinding;
import dev.runway.access.domain.TeamLead;
import dev.runway.access.domain.TeamMember;
import dev.runway.access.rest.dto.AccessRequestView;
import dev.runway.access.rest.dto.GrantView;
import dev.runway.access.rest.dto.LeadView;
import dev.runway.access.rest.dto.RoleBindingView;
import dev.runway.access.rest.dto.TeamView;
import dev.runway.access.service.TeamService;

/** Entities to response records; entities never leave the service over HTTP. */
public final class AccessMapper {
    private AccessMapper() {
    }

    public static RoleBindingView binding(RoleBinding b) {
        return new RoleBindingView(b.id, b.subject, b.role, b.scope, b.expiresAt, b.createdAt, b.createdBy,
                b.accessRequestId);
    }

    public static GrantView grant(RoleBinding b) {
        return new GrantView(b.id, b.subject, b.role, b.scope, b.expiresAt, b.accessRequestId, b.createdBy);
    }

    public static AccessRequestView request(AccessRequest r) {
        return new AccessRequestView(r.id, r.requester, r.role, r.scope, Duration.ofSeconds(r.durationSeconds).toString(),
                r.justification, r.status.name(), r.createdAt, r.expiresAt, r.decidedBy, r.decidedAt,
                r.decisionComment, r.grantId);
    }

    public static LeadView lead(TeamLead l) {
        return new LeadView(l.team, l.username, l.createdAt, l.createdBy);
    }

    public static TeamView team(TeamService.TeamDetail t) {
        return new TeamView(t.name(),
                t.members().stream().map(AccessMapper::member).toList(),
                t.leads().stream().map(l -> l.username).toList(),
                t.bindings().stream().map(AccessMapper::binding).toList());
    }

    private static TeamView.Member member(TeamMember m) {
        return new TeamView.Member(m.username, m.displayName, m.lastSeen);
    }
}
