package dev.runway.catalog.rest;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Tokens of the demo realm's people, descriptor builders with unique names, and direct table access. */
final class CatalogTestSupport {
    static final String ALICE = TestTokens.user("alice", List.of("payments"), "developer");
    static final String BOB = TestTokens.user("bob", List.of("payments"), "developer");
    static final String CAROL = TestTokens.user("carol", List.of("search"), "developer");
    static final String DAVE = TestTokens.user("dave", List.of(), "platform-admin");
    static final String ERIN = TestTokens.user("erin", List.of(), "auditor");
    /** Authenticated but holding none of Runway's roles. */
    static final String NOBODY = TestTokens.user("mallory", List.of("payments"));

    private CatalogTestSupport() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String component(String name, String owner) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: A service for the tests
                  tags: [java]
                spec:
                  type: service
                  lifecycle: production
                  owner: %s
                """.formatted(name, owner);
    }

    static RequestSpecification as(String token) {
        RequestSpecification spec = given().config(RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().encodeContentTypeAs("application/yaml", ContentType.TEXT)));
        return token == null ? spec : spec.auth().oauth2(token);
    }

    static RequestSpecification yaml(String token, String body) {
        return as(token).contentType("application/yaml").body(body);
    }

    static String resource(String path) {
        try (InputStream in = CatalogTestSupport.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a query against the test database, each column as a string. */
    static List<List<String>> query(String sql) {
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_catalog"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
