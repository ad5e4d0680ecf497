package dev.runway.access.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.access.domain.TeamMember;
import io.quarkus.panache.common.Sort;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class TeamMemberRepository implements PanacheRepository<TeamMember> {

    /**
     * Idempotent under concurrency (two replicas, two requests): one row per team and user. A null display name
     * (a decision asked by a service) keeps the one seen in the user's own token.
     */
    public void upsert(String team, String username, String displayName, Instant seen) {
        getEntityManager().createNativeQuery("""
                INSERT INTO team_member (team, username, display_name, first_seen, last_seen)
                VALUES (:team, :username, :displayName, :seen, :seen)
                ON CONFLICT (team, username) DO UPDATE
                    SET display_name = COALESCE(EXCLUDED.display_name, team_member.display_name), last_seen = EXCLUDED.last_seen
                """)
                .setParameter("team", team).setParameter("username", username)
                .setParameter("displayName", displayName).setParameter("seen", seen)
                .executeUpdate();
    }

    public List<TeamMember> ofTeam(String team) {
        return list("team", Sort.by("username"), team);
    }

    public List<String> teamNames() {
        return getEntityManager().createQuery("select distinct m.team from TeamMember m", String.class).getResultList();
    }
}
