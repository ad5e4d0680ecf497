package dev.runway.provisioning.faults;

import static io.restassured.RestAssured.given;
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
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.DatabaseOutageDrill;
import dev.runway.common.testing.RestartablePostgresResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * PostgreSQL restarted under a load of environment requests: provisioning-service reports not-ready, refuses
 * requests with a retryable 503 meanwhile, becomes ready again by itself, and loses no accepted request nor its
 * audit event. Runs on a PostgreSQL of its own, so the restart cannot disturb other test classes.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(value = RestartablePostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class DatabaseRestartTest {
    private static final String DAVE = TestTokens.user("dave", List.of(), "platform-admin");

    @TestHTTPResource("/")
    URL root;

    @Test
    void restartUnderLoadLosesNoAcceptedRequest() throws Exception {
        URI base = root.toURI();
        // One team per request keeps the per-team quota out of the way.
        String prefix = "o" + UUID.randomUUID().toString().substring(0, 6);
        DatabaseOutageDrill.Report report = new DatabaseOutageDrill(base, 3,
                n -> HttpRequest.newBuilder(base.resolve("/api/v1/environments"))
                        .header("Authorization", "Bearer " + TestTokens.user("alice", List.of(prefix + n), "developer"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"outage\",\"team\":\"" + prefix + n
                                + "\",\"template\":\"ephemeral\"}")),
                r -> {
                    String location = r.headers().firstValue("Location").orElseThrow();
                    return location.substring(location.lastIndexOf('/') + 1);
                }).run();
        System.out.println("provisioning-service database restart: " + report);

        List<String> accepted = report.acknowledgedKeys();
        for (String id : accepted) {
            given().auth().oauth2(DAVE).get("/api/v1/environments/" + id).then().statusCode(200);
        }
        List<String> stored = ids("SELECT id::text FROM provisioning_request WHERE team LIKE ?", prefix);
        assertTrue(stored.containsAll(accepted), "an accepted request is missing");
        // The request and its audit event commit together or not at all, whatever the outage cut short.
        assertEquals(stored, ids("SELECT substring(resource from 'environment/(.*)') FROM audit_outbox "
                + "WHERE action = 'provisioning.environment.request' AND details->>'team' LIKE ?", prefix));
    }

    private static List<String> ids(String sql, String prefix) throws Exception {
        try (Connection c = DriverManager.getConnection(RestartablePostgresResource.jdbcUrl("runway_provisioning"));
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, prefix + "%");
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            ids.sort(null);
            return ids;
        }
    }
}
