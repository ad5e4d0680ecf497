package dev.runway.catalog.faults;

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

/**
 * PostgreSQL restarted under a load of entity creations: catalog-service reports not-ready, refuses writes with a
 * retryable 503 meanwhile, becomes ready again by itself, and loses no acknowledged write nor its audit event.
 * Runs on a PostgreSQL of its own, so the restart cannot disturb other test classes.
 */
@QuarkusTest
@WithTestResource(value = RestartablePostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class DatabaseRestartTest {
    private static final String DAVE = TestTokens.user("dave", List.of(), "platform-admin");

    @TestHTTPResource("/")
    URL root;

    @Test
    void restartUnderLoadLosesNoAcknowledgedWrite() throws Exception {
        URI base = root.toURI();
        String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 6);
        DatabaseOutageDrill.Report report = new DatabaseOutageDrill(base, 3,
                n -> HttpRequest.newBuilder(base.resolve("/api/v1/entities"))
                        .header("Authorization", "Bearer " + DAVE)
                        .header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofString(component(prefix + "-" + n))),
                r -> {
                    String location = r.headers().firstValue("Location").orElseThrow();
                    return location.substring(location.lastIndexOf('/') + 1);
                }).run();
        System.out.println("catalog-service database restart: " + report);

        List<String> acknowledged = report.acknowledgedKeys();
        for (String name : acknowledged) {
            given().auth().oauth2(DAVE).get("/api/v1/entities/component/default/" + name).then().statusCode(200);
        }
        List<String> stored = names("SELECT ref FROM entity WHERE ref LIKE ?", prefix);
        assertTrue(stored.containsAll(acknowledged), "an acknowledged creation is missing");
        // The entity and its audit event commit together or not at all, whatever the outage cut short.
        assertEquals(stored, names("SELECT resource FROM audit_outbox WHERE action = 'catalog.entity.create' "
                + "AND outcome = 'success' AND resource LIKE ?", prefix));
    }

    /** Component names (without the kind and namespace) a query over refs finds, sorted. */
    private static List<String> names(String sql, String prefix) throws Exception {
        try (Connection c = DriverManager.getConnection(RestartablePostgresResource.jdbcUrl("runway_catalog"));
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, "component:default/" + prefix + "-%");
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1).substring("component:default/".length()));
                }
            }
            names.sort(null);
            return names;
        }
    }

    private static String component(String name) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                spec:
                  type: service
                  lifecycle: production
                  owner: payments
                """.formatted(name);
    }
}
