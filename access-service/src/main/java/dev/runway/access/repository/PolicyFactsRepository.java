package dev.runway.access.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.access.policy.PolicyBinding;
import dev.runway.access.policy.PolicyFacts;

/**
 * The policy facts of a subject (role bindings held by the user or its teams, teams it leads) in one statement:
 * one round trip and one snapshot for every decision. Plain JDBC rather than two Panache queries: Hibernate
 * re-translates a query with a list parameter on every execution, which was the largest CPU cost of a single
 * decision (BENCHMARKS.md, "the single-check hot path"). The connection comes from the transactional datasource,
 * so inside a transaction it reads what that transaction has flushed.
 */
@ApplicationScoped
public class PolicyFactsRepository {
    private static final String SQL = """
            SELECT true, id::text, subject, role, scope, expires_at FROM role_binding WHERE subject = ANY(?)
            UNION ALL
            SELECT false, NULL, NULL, NULL, team, NULL FROM team_lead WHERE username = ?
            """;

    private final DataSource dataSource;

    public PolicyFactsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Bindings held by the user directly or through one of its teams (expired ones included), and teams it leads. */
    public PolicyFacts of(String username, Collection<String> teams) {
        Object[] subjects = new Object[teams.size() + 1];
        subjects[0] = "user:" + username;
        int i = 1;
        for (String team : teams) {
            subjects[i++] = "team:" + team;
        }
        List<PolicyBinding> bindings = new ArrayList<>();
        Set<String> led = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SQL)) {
            s.setArray(1, c.createArrayOf("text", subjects));
            s.setString(2, username);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(1)) {
                        OffsetDateTime expires = rs.getObject(6, OffsetDateTime.class);
                        bindings.add(new PolicyBinding(rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), expires == null ? null : expires.toInstant()));
                    } else {
                        led.add(rs.getString(5));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the policy facts of " + username, e);
        }
        return new PolicyFacts(bindings, led);
    }
}
