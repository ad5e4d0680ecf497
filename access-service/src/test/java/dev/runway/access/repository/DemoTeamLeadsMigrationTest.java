package dev.runway.access.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * V11 takes the demo team leads V10 inserted out of every installation, and only those: leads an administrator
 * added, or re-added after removing V10's row, stay. Plain Flyway on its own PostgreSQL, so that the database can be
 * stopped at V10 and arranged before V11 runs.
 */
class DemoTeamLeadsMigrationTest {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void removesOnlyTheLeadsTheOldMigrationSeeded() throws SQLException {
        DataSource db = postgres.getPostgresDatabase();
        flyway(db, "10").migrate();
        assertEquals(List.of("payments/bob by migration", "search/frank by migration"), leads(db));
        execute(db, "DELETE FROM team_lead WHERE team = 'search' AND username = 'frank'");
        execute(db, "INSERT INTO team_lead (team, username, created_at, created_by) VALUES "
                + "('search', 'frank', now(), 'dave'), ('payments', 'carol', now(), 'dave')");

        flyway(db, "latest").migrate();

        assertEquals(List.of("payments/carol by dave", "search/frank by dave"), leads(db));
    }

    private static Flyway flyway(DataSource db, String target) {
        return Flyway.configure().dataSource(db).locations("classpath:db/migration").target(target).load();
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> leads(DataSource db) throws SQLException {
        List<String> leads = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT team, username, created_by FROM team_lead ORDER BY team, username")) {
            while (rs.next()) {
                leads.add(rs.getString(1) + "/" + rs.getString(2) + " by " + rs.getString(3));
            }
        }
        return leads;
    }
}
