package dev.runway.access.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.error.InvalidInputException;
import dev.runway.common.persistence.AdvisoryLock;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Concurrent callers share audit transactions, each returns only once committed, and one bad entry fails alone.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_access"))
class AuditGroupCommitTest {
    private static final int CALLERS = 40;
    private static final int CLIENTS = 16;

    @Inject
    AuditGroupCommit groupCommit;
    @Inject
    MeterRegistry registry;

    private static AuditEntry entry(String actor, String marker) {
        return new AuditEntry(null, null, actor, List.of("payments"), "decision:catalog.entity.write",
                "entity:component:default/" + marker, "allow", "group commit test", "access-service", null, null,
                Map.of("marker", marker));
    }

    @Test
    void concurrentCallersAreAllCommittedOnceEachAndTheChainHolds() throws Exception {
        String marker = "gc-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            boolean bad = i == CALLERS / 2;
            results.add(pool.submit(() -> {
                start.await();
                // A blank actor is malformed: that caller alone must fail.
                groupCommit.appendAndWait(List.of(entry(bad ? " " : "alice", marker), entry("alice", marker)));
                // Returned: the entries must already be committed and visible to another connection.
                return count(marker);
            }));
        }
        start.countDown();
        int failed = 0;
        for (int i = 0; i < CALLERS; i++) {
            try {
                long seen = results.get(i).get();
                assertTrue(seen >= 2, "committed before returning");
            } catch (java.util.concurrent.ExecutionException e) {
                assertEquals(CALLERS / 2, i);
                assertInstanceOf(InvalidInputException.class, e.getCause());
                failed++;
            }
        }
        pool.shutdown();
        assertEquals(1, failed);
        assertEquals(2L * (CALLERS - 1), count(marker), "every good caller's entries exactly once, none of the bad one's");
        assertEquals(0L, unlinked(marker), "each record links to the one right before it: the chain stays linear");
    }

    /**
     * Single-check decisions from concurrent clients share audit commits: while the chain is busy (held here by
     * another transaction, as another replica's append would), every client that arrives queues behind the writer,
     * and once the chain is free the writer appends all of them in one transaction. At most two commits for
     * {@code CLIENTS} decisions: the writer's first batch, already waiting for the chain, and the rest together.
     */
    @Test
    void concurrentSingleCheckDecisionsShareCommits() throws Exception {
        String resource = "entity:component:default/shared-" + UUID.randomUUID();
        String check = "{\"action\":\"catalog.entity.write\",\"resource\":{\"id\":\"" + resource
                + "\",\"owner\":\"payments\"}}";
        String token = TestTokens.user("alice", List.of("payments"), "developer");
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<String>> answers = new ArrayList<>();
        long commitsBefore;
        try (Connection chain = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_access"))) {
            chain.setAutoCommit(false);
            try (PreparedStatement s = chain.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                s.setLong(1, AdvisoryLock.key(AuditRepository.CHAIN_LOCK));
                s.execute();
            }
            commitsBefore = commits();
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(check)
                        .when().post("/api/v1/decisions").then().statusCode(200).extract().path("decision")));
            }
            // Every client decided and handed its record to the writer, which waits for the chain.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (waiting() < CLIENTS) {
                assertTrue(System.nanoTime() < deadline, "all clients reach the group commit");
                Thread.sleep(10);
            }
            assertEquals(0L, countResource(resource), "nothing is committed while the chain is held");
            chain.rollback();
        }
        for (Future<String> answer : answers) {
            assertEquals("ALLOW", answer.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        long commits = commits() - commitsBefore;
        assertEquals(CLIENTS, countResource(resource), "one audit record per decision");
        assertTrue(commits >= 1 && commits <= 2, CLIENTS + " decisions took " + commits + " commits");
    }

    /** The group commit registers its meters when it is first used. */
    private long commits() {
        DistributionSummary summary = registry.find("runway.audit.group.commit.entries").summary();
        return summary == null ? 0 : summary.count();
    }

    private double waiting() {
        Gauge gauge = registry.find("runway.audit.group.commit.waiting").gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private static long countResource(String resource) throws Exception {
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_access"));
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_record WHERE resource = ?")) {
            s.setString(1, resource);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Records of this test whose predecessor in sequence is missing or does not end in their previous hash. */
    private static long unlinked(String marker) throws Exception {
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_access"));
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_record r LEFT JOIN audit_record p"
                        + " ON p.seq = r.seq - 1 WHERE r.resource = ? AND ((p.seq IS NULL AND r.seq <> 1) OR p.hash <> r.previous_hash)")) {
            s.setString(1, "entity:component:default/" + marker);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long count(String marker) throws Exception {
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_access"));
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_record WHERE resource = ?")) {
            s.setString(1, "entity:component:default/" + marker);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
