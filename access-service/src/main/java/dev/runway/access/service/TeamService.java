package dev.runway.access.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.access.domain.RoleBinding;
import dev.runway.access.domain.TeamLead;
import dev.runway.access.domain.TeamMember;
import dev.runway.access.repository.RoleBindingRepository;
import dev.runway.access.repository.TeamLeadRepository;
import dev.runway.access.repository.TeamMemberRepository;
import dev.runway.common.audit.AuditEvent;
import dev.runway.common.error.ConflictException;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Teams: membership as seen in tokens (SSO is the source of truth), leads recorded here by platform-admins, and
 * the role bindings that name the team.
 */
@ApplicationScoped
public class TeamService {
    /** Members are re-recorded at most this often, so that a busy caller does not write on every request. */
    private static final Duration SEEN_REFRESH = Duration.ofMinutes(10);

    private final TeamMemberRepository members;
    private final TeamLeadRepository leads;
    private final RoleBindingRepository bindings;
    private final AccessAudit audit;
    private final Clock clock;
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

    public TeamService(TeamMemberRepository members, TeamLeadRepository leads, RoleBindingRepository bindings,
            AccessAudit audit, Clock clock) {
        this.members = members;
        this.leads = leads;
        this.bindings = bindings;
        this.audit = audit;
        this.clock = clock;
    }

    public record TeamSummary(String name, long members, List<String> leads) {
    }

    public record TeamDetail(String name, List<TeamMember> members, List<TeamLead> leads, List<RoleBinding> bindings) {
    }

    /**
     * Records that the user was seen in these teams. Every decision calls it: when nothing is due (the usual case),
     * it neither starts nor joins a transaction.
     */
    public void recordSeen(String username, String displayName, List<String> teams) {
        Instant now = clock.instant();
        List<String> due = new ArrayList<>();
        for (String team : teams) {
            Instant last = recorded.get(seenKey(team, username, displayName));
            if (last == null || last.isBefore(now.minus(SEEN_REFRESH))) {
                due.add(team);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        QuarkusTransaction.joiningExisting().run(() -> {
            for (String team : due) {
                members.upsert(team, username, displayName, now);
                recorded.put(seenKey(team, username, displayName), now);
            }
        });
    }

    private static String seenKey(String team, String username, String displayName) {
        return team + '\n' + username + '\n' + (displayName == null ? "" : displayName);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TeamSummary> list() {
        TreeSet<String> names = new TreeSet<>(members.teamNames());
        names.addAll(leads.teamNames());
        bindings.teamScopes().forEach(scope -> names.add(scope.substring("team:".length())));
        return names.stream()
                .map(name -> new TeamSummary(name, members.count("team", name),
                        leads.ofTeam(name).stream().map(l -> l.username).toList()))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TeamDetail get(String name) {
        List<TeamMember> teamMembers = members.ofTeam(name);
        List<TeamLead> teamLeads = leads.ofTeam(name);
        List<RoleBinding> teamBindings = bindings.ofTeam(name);
        if (teamMembers.isEmpty() && teamLeads.isEmpty() && teamBindings.isEmpty()) {
            throw new ResourceNotFoundException("No team " + name + " is known to Runway yet.");
        }
        return new TeamDetail(name, teamMembers, teamLeads, teamBindings);
    }

    @Transactional
    public TeamLead addLead(Caller caller, String team, String username) {
        if (leads.find(team, username).isPresent()) {
            throw new ConflictException(username + " already leads team " + team + ".");
        }
        TeamLead lead = new TeamLead();
        lead.team = team;
        lead.username = username;
        lead.createdAt = clock.instant();
        lead.createdBy = caller.username();
        leads.persist(lead);
        audit.record(caller, "team.lead.add", "team:" + team, AuditEvent.SUCCESS, null, Map.of("lead", username));
        return lead;
    }

    @Transactional
    public void removeLead(Caller caller, String team, String username) {
        Optional<TeamLead> lead = leads.find(team, username);
        if (lead.isEmpty()) {
            throw new ResourceNotFoundException(username + " does not lead team " + team + ".");
        }
        leads.delete(lead.get());
        audit.record(caller, "team.lead.remove", "team:" + team, AuditEvent.SUCCESS, null, Map.of("lead", username));
    }
}
