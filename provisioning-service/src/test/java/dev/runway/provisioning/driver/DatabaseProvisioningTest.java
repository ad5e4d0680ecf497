package dev.runway.provisioning.driver;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import dev.runway.provisioning.client.RecordingCatalogGateway;
import dev.runway.provisioning.reconciler.Reconciler;
import dev.runway.provisioning.rest.Sql;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Databases end to end against real servers this test starts itself: the embedded PostgreSQL of
 * {@link TargetPostgresResource}, the MariaDB of {@link TargetMariadbResource} and the Redis of
 * {@link TargetRedisResource}, each provisioned into by an admin account with a password.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(TargetPostgresResource.class)
@WithTestResource(TargetMariadbResource.class)
@WithTestResource(TargetRedisResource.class)
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_provisioning"))
class DatabaseProvisioningTest {
    @Inject
    Reconciler reconciler;
    @Inject
    KubernetesClient client;
    @Inject
    RecordingCatalogGateway catalog;

    String team;
    String token;

    private UUID readyEnvironment() {
        team = "d" + UUID.randomUUID().toString().substring(0, 8);
        token = TestTokens.user("alice", List.of(team), "developer");
        UUID env = UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "env", "team", team, "template", "development"))
                .when().post("/api/v1/environments").then().statusCode(202).extract().path("id"));
        reconciler.drive(env);
        return env;
    }

    private UUID requestDatabase(UUID env, String engine, String name) {
        return UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "team", team, "engine", engine, "environment", env.toString()))
                .when().post("/api/v1/databases").then().statusCode(202).extract().path("id"));
    }

    /** A database of {@code engine} in a new READY environment of a new team, driven until READY. */
    private UUID readyDatabase(String engine, String name) {
        UUID db = requestDatabase(readyEnvironment(), engine, name);
        reconciler.drive(db);
        assertEquals("READY", view(db).getString("state"));
        return db;
    }

    /** Deletes the database through the API and drives its deprovisioning. */
    private void delete(UUID db) {
        given().auth().oauth2(token).when().delete("/api/v1/databases/" + db).then().statusCode(202);
        reconciler.drive(db);
    }

    private JsonPath view(UUID db) {
        return given().auth().oauth2(token).when().get("/api/v1/databases/" + db).then().statusCode(200)
                .extract().jsonPath();
    }

    private JsonPath credentials(UUID db) {
        return given().auth().oauth2(token).when().get("/api/v1/databases/" + db + "/credentials").then()
                .statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
    }

    private String physical(String name) {
        return team + "_" + name;
    }

    @Test
    void everyEngineWithAServerIsAvailable() {
        given().auth().oauth2(TestTokens.user("alice", List.of("any"), "developer")).when().get("/api/v1/templates")
                .then().statusCode(200)
                .body("findAll { it.kind == 'database' }.id", hasItems("postgresql", "mariadb", "redis"))
                .body("findAll { it.kind == 'database' }.available", everyItem(equalTo(true)));
    }

    @Test
    void postgresqlRoleAndDatabaseWithPasswordOnlyAsScramVerifier() throws Exception {
        UUID db = readyDatabase("postgresql", "orders");
        String name = physical("orders");
        // Registered in the catalog as a database Resource that depends on its environment's Resource.
        assertEquals(Map.of("type", "database", "owner", "group:default/" + team, "dependsOn",
                List.of("resource:default/" + team + "-env")), catalog.entity(name).get("spec"));

        JsonPath c = credentials(db);
        String password = c.getString("password");
        assertEquals(name, c.getString("username"));
        assertEquals(name, c.getString("database"));
        assertTrue(password.length() >= 32);
        JsonPath again = credentials(db);
        assertNull(again.get("password"));
        assertEquals("db-" + name.replace('_', '-'), again.getString("secretName"));
        assertFalse(again.getBoolean("revealed"));

        // The server asks for the password (scram-sha-256): the generated one opens the database, another does not.
        try (Connection app = TargetPostgresResource.connect(name, name, password)) {
            assertEquals(name, query(app, "SELECT current_user || ?", ""));
            assertEquals(name, query(app, "SELECT current_database() || ?", ""));
        }
        assertThrows(SQLException.class, () -> TargetPostgresResource.connect(name, name, "wrong-password").close());
        try (Connection admin = TargetPostgresResource.superuser("postgres")) {
            assertEquals("SCRAM-SHA-256$", query(admin, "SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = ?",
                    name));
            assertEquals("20", query(admin, "SELECT rolconnlimit::text FROM pg_roles WHERE rolname = ?", name));
            assertEquals(name, query(admin, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?", name));
            assertEquals("false", query(admin, "SELECT has_database_privilege('public', ?, 'CONNECT')::text", name));
            assertEquals("true", query(admin, "SELECT has_database_privilege(?, datname, 'CONNECT')::text FROM pg_database "
                    + "WHERE datname = '" + name + "'", name));
        }
        String log = Files.readString(TargetPostgresResource.logFile(), StandardCharsets.UTF_8);
        assertTrue(log.contains("CREATE ROLE \"" + name + "\""), "statement logging must be on for this test");
        assertFalse(log.contains(password), "the generated password reached the server log");

        given().auth().oauth2(token).when().post("/api/v1/databases/" + db + "/rotate").then().statusCode(202);
        reconciler.drive(db);
        String rotated = credentials(db).getString("password");
        assertNotEquals(password, rotated);
        assertFalse(Files.readString(TargetPostgresResource.logFile(), StandardCharsets.UTF_8).contains(rotated));
        Secret secret = client.secrets().inNamespace(team + "-env").withName("db-" + name.replace('_', '-')).get();
        assertEquals(rotated, new String(java.util.Base64.getDecoder().decode(secret.getData().get("password")),
                StandardCharsets.UTF_8));

        delete(db);
        assertEquals("DELETED", view(db).getString("state"));
        assertNull(catalog.entity(name));
        try (Connection admin = TargetPostgresResource.superuser("postgres")) {
            assertNull(query(admin, "SELECT rolname FROM pg_roles WHERE rolname = ?", name));
            assertNull(query(admin, "SELECT datname FROM pg_database WHERE datname = ?", name));
        }
        assertNull(client.secrets().inNamespace(team + "-env").withName("db-" + name.replace('_', '-')).get());
    }

    @Test
    void credentialsAreForTheOwningTeamOnly() {
        UUID env = readyEnvironment();
        UUID db = requestDatabase(env, "postgresql", "secrets");
        given().auth().oauth2(token).when().get("/api/v1/databases/" + db + "/credentials").then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
        reconciler.drive(db);
        given().auth().oauth2(TestTokens.user("dave", List.of(), "platform-admin"))
                .when().get("/api/v1/databases/" + db + "/credentials").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(TestTokens.user("carol", List.of("search"), "developer"))
                .when().get("/api/v1/databases/" + db + "/credentials").then().statusCode(404);
        given().auth().oauth2(TestTokens.user("erin", List.of(), "auditor"))
                .when().get("/api/v1/databases/" + db + "/credentials").then().statusCode(403);
        given().when().get("/api/v1/databases/" + db + "/credentials").then().statusCode(401);
        assertNotEquals(null, credentials(db).getString("password"));
    }

    @Test
    void databaseRequestsAreValidated() {
        UUID env = readyEnvironment();
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "team", team, "engine", "oracle", "plan", "huge", "environment", env.toString()))
                .when().post("/api/v1/databases").then().statusCode(400)
                .body("violations.field", hasItem("$.engine"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "team", team, "engine", "postgresql", "plan", "huge", "environment", env.toString()))
                .when().post("/api/v1/databases").then().statusCode(400)
                .body("violations.field", hasItem("$.plan"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "team", team, "engine", "postgresql", "environment", UUID.randomUUID().toString()))
                .when().post("/api/v1/databases").then().statusCode(422)
                .body("violations[0].field", equalTo("$.environment"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Robert'); DROP", "team", team, "engine", "postgresql", "environment", env.toString()))
                .when().post("/api/v1/databases").then().statusCode(400);
        given().auth().oauth2(TestTokens.user("carol", List.of("search"), "developer")).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "team", team, "engine", "postgresql", "environment", env.toString()))
                .when().post("/api/v1/databases").then().statusCode(403);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "medium", "team", team, "engine", "redis", "plan", "medium", "environment", env.toString()))
                .when().post("/api/v1/databases").then().statusCode(202)
                .body("parameters.plan", equalTo("medium")).body("secretName", notNullValue())
                .body("expiresAt", nullValue()).extract().path("id");
        given().auth().oauth2(token).when().get("/api/v1/databases").then().body("items.id", hasItem(id));
    }

    /** The role repair plan: a READY database whose grants drifted gets them back on its next resync. */
    @Test
    void driftedGrantsOfAReadyDatabaseAreRepairedOnResync() throws Exception {
        UUID db = readyDatabase("postgresql", "drifting");
        String name = physical("drifting");
        String publicMayConnect = "SELECT has_database_privilege('public', ?, 'CONNECT')::text";
        try (Connection admin = TargetPostgresResource.superuser("postgres"); Statement s = admin.createStatement()) {
            s.execute("GRANT CONNECT ON DATABASE \"" + name + "\" TO PUBLIC");
            assertEquals("true", query(admin, publicMayConnect, name));
        }
        Sql.makeDue(db);
        reconciler.drive(db);
        try (Connection admin = TargetPostgresResource.superuser("postgres")) {
            assertEquals("false", query(admin, publicMayConnect, name));
            assertEquals("true", query(admin, "SELECT has_database_privilege(?, datname, 'CONNECT')::text FROM pg_database "
                    + "WHERE datname = '" + name + "'", name));
        }
        JsonPath repaired = view(db);
        assertEquals("READY", repaired.getString("state"));
        assertNotNull(repaired.getString("nextAttemptAt"), "a READY database is resynced");
        assertEquals(List.of("PUBLIC may connect to the database"), repairs(db));

        Sql.makeDue(db);
        reconciler.drive(db);
        assertEquals(1, repairs(db).size(), "a resync without drift repairs nothing");
    }

    private static List<String> repairs(UUID db) throws SQLException {
        List<String> reasons = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_provisioning"));
                PreparedStatement s = c.prepareStatement("SELECT reason FROM audit_outbox WHERE action = "
                        + "'provisioning.database.repaired' AND resource = ? ORDER BY occurred_at")) {
            s.setString(1, "database/" + db);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reasons.add(rs.getString(1));
                }
            }
        }
        return reasons;
    }

    @Test
    void mariadbUserIsGrantedItsDatabaseOnly() throws Exception {
        UUID db = readyDatabase("mariadb", "shop");
        String name = physical("shop");
        String password = credentials(db).getString("password");
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + TargetMariadbResource.port() + "/"
                + name, name, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int)");
            List<String> grants = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW GRANTS")) {
                while (rs.next()) {
                    grants.add(rs.getString(1));
                }
            }
            assertTrue(grants.stream().anyMatch(g -> g.contains("ON `" + name + "`.*")), grants.toString());
            assertTrue(grants.stream().noneMatch(g -> g.startsWith("GRANT ALL PRIVILEGES ON *.*")), grants.toString());
            assertThrows(SQLException.class, () -> s.execute("SELECT * FROM mysql.user"));
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + TargetMariadbResource.port() + "/" + name,
                name, "wrong-password").close());

        delete(db);
        try (Connection root = TargetMariadbResource.admin()) {
            assertNull(query(root, "SELECT User FROM mysql.user WHERE User = ?", name));
            assertNull(query(root, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name));
        }
    }

    @Test
    void redisUserIsConfinedToItsPrefix() throws IOException {
        UUID db = readyDatabase("redis", "cache");
        String name = physical("cache");
        String password = credentials(db).getString("password");
        try (Resp r = new Resp()) {
            assertEquals("-WRONGPASS", r.call("AUTH", name, "wrong").split(" ")[0]);
            assertEquals("+OK", r.call("AUTH", name, password));
            assertEquals("+OK", r.call("SET", name + ":k", "v"));
            assertEquals("-NOPERM", r.call("SET", "other:k", "v").split(" ")[0]);
            assertEquals("-NOPERM", r.call("FLUSHALL").split(" ")[0]);
        }
        delete(db);
        try (Resp admin = new Resp()) {
            assertEquals("+OK", admin.call("AUTH", TargetRedisResource.ADMIN, TargetRedisResource.adminPassword()));
            assertEquals(":0", admin.call("EXISTS", name + ":k"));
            assertEquals("$-1", admin.call("ACL", "GETUSER", name));
        }
    }

    /** A bare RESP connection, to act as the provisioned user rather than the admin. */
    static final class Resp implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Resp() throws IOException {
            socket = new Socket("127.0.0.1", TargetRedisResource.port());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        /** Sends one command and returns the first line of the reply. */
        String call(String... args) throws IOException {
            StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String query(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
