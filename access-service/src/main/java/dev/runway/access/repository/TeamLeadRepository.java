package dev.runway.access.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.access.domain.TeamLead;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class TeamLeadRepository implements PanacheRepository<TeamLead> {

    public List<TeamLead> ofTeam(String team) {
        return list("team", Sort.by("username"), team);
    }

    public Optional<TeamLead> find(String team, String username) {
        return find("team = ?1 and username = ?2", team, username).firstResultOptional();
    }

    public boolean isLead(String team, String username) {
        return count("team = ?1 and username = ?2", team, username) > 0;
    }

    public List<String> teamNames() {
        return getEntityManager().createQuery("select distinct l.team from TeamLead l", String.class).getResultList();
    }
}
