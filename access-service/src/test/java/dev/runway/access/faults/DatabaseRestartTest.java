package dev.runway.access.faults;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.DatabaseOutageDrill;
import dev.runway.common.testing.RestartablePostgresResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PostgreSQL restarted under a load of access-service's own acknowledged writes, in turn: access requests (the
 * request and its audit record in one transaction), audit events reported by a service (the outbox relays' path)
 * and policy decisions (answered only once their audit record is committed, through the group commit).
 * access-service reports not-ready, refuses writes with a retryable 503 meanwhile, becomes ready again by itself,
 * loses no acknowledged write nor its audit record, and its hash chain still verifies. Runs on a PostgreSQL of its
 * own, so the restart cannot disturb other test classes.
 */
@QuarkusTest
@WithTestResource(value = RestartablePostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "runway_access"))
class DatabaseRestartTest {
    private static final String DATABASE = "runway_access";
    private static final String ALICE = TestTokens.user("alice", List.of("payments"), "developer");
    private static final String ERIN = TestTokens.user("erin", List.of(), "auditor");
    private static final String CATALOG_SERVICE = TestTokens.service("catalog-service");

    @TestHTTPResource("/")
    URL root;

    @Test
    void restartUnderLoadLosesNoAcknowledgedWriteAndKeepsTheChainIntact() throws Exception {
        URI base = root.toURI();
        String prefix = "drill-" + UUID.randomUUID().toString().substring(0, 6);
        // Each write carries a request id of its own, which access-service records in the write's audit record.
        DatabaseOutageDrill.Report report = new DatabaseOutageDrill(base, 3,
                n -> write(base, n % 3, prefix + "-" + n),
                r -> r.request().headers().firstValue("X-Request-Id").orElseThrow()).run();
        System.out.println("access-service database restart: " + report);

        Map<String, String> audited = auditedByRequestId(prefix);
        List<String> acknowledged = report.acknowledgedKeys();
        for (String key : acknowledged) {
            assertTrue(audited.containsKey(key), "the audit record of an acknowledged write is missing: " + key);
        }
        for (String key : acknowledged) {
            String resource = audited.get(key);
            if (resource.startsWith("access-request:")) {
                given().auth().oauth2(ALICE).get("/api/v1/access-requests/" + resource.substring("access-request:".length()))
                        .then().statusCode(200).body("scope", equalTo("team:" + key));
            }
        }
        // An access request and its audit record commit together or not at all, whatever the outage cut short.
        assertEquals(strings("SELECT 'access-request:' || id FROM access_request WHERE scope LIKE ?", "team:" + prefix),
                strings("SELECT resource FROM audit_record WHERE action = 'access-request.create' AND details->>'scope' LIKE ?",
                        "team:" + prefix));
        given().auth().oauth2(ERIN).get("/api/v1/audit/verify")
                .then().statusCode(200).body("ok", equalTo(true)).body("brokenAtSeq", equalTo(null));
    }

    private static HttpRequest.Builder write(URI base, int kind, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder().header("Content-Type", "application/json")
                .header("X-Request-Id", key);
        return switch (kind) {
            case 0 -> b.uri(base.resolve("/api/v1/access-requests")).header("Authorization", "Bearer " + ALICE)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"role":"developer","scope":"team:%s","duration":"PT1H","justification":"outage drill"}"""
                            .formatted(key)));
            case 1 -> b.uri(base.resolve("/api/v1/audit/events")).header("Authorization", "Bearer " + CATALOG_SERVICE)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"eventId":"%s","occurredAt":"2026-03-01T10:00:00Z","actor":"alice","actorTeams":["payments"],
                             "action":"catalog.entity.create","resource":"component:default/%s","outcome":"success",
                             "sourceService":"catalog-service","requestId":"%s"}"""
                            .formatted(UUID.randomUUID(), key, key)));
            default -> b.uri(base.resolve("/api/v1/decisions")).header("Authorization", "Bearer " + ALICE)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"action":"catalog.entity.write","resource":{"id":"entity:component:default/%s","owner":"payments"}}"""
                            .formatted(key)));
        };
    }

    /** The resource of each audit record written under the prefix, by the request id that wrote it. */
    private static Map<String, String> auditedByRequestId(String prefix) throws Exception {
        try (Connection c = DriverManager.getConnection(RestartablePostgresResource.jdbcUrl(DATABASE));
                PreparedStatement s = c.prepareStatement(
                        "SELECT request_id, resource FROM audit_record WHERE request_id LIKE ?")) {
            s.setString(1, prefix + "-%");
            Map<String, String> audited = new TreeMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertEquals(null, audited.put(rs.getString(1), rs.getString(2)),
                            "one audit record per acknowledged write: " + rs.getString(1));
                }
            }
            return audited;
        }
    }

    private static List<String> strings(String sql, String prefix) throws Exception {
        try (Connection c = DriverManager.getConnection(RestartablePostgresResource.jdbcUrl(DATABASE));
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, prefix + "-%");
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            values.sort(null);
            return values;
        }
    }
}
