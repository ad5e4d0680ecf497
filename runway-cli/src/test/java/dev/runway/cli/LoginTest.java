package dev.runway.cli;

import static dev.runway.cli.TestDouble.Response.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.runway.cli.auth.StoredCredentials;
import dev.runway.cli.auth.TokenCache;

/** Login flows, the token cache and refresh against a test double of Keycloak's token endpoints. */
class LoginTest {
    static final String TOKEN = "/realms/runway/protocol/openid-connect/token";
    static final String DEVICE = "/realms/runway/protocol/openid-connect/auth/device";
    static final String REVOKE = "/realms/runway/protocol/openid-connect/revoke";
    static final String ME_JSON = "{\"username\":\"alice\",\"displayName\":\"Alice Doe\",\"teams\":[\"payments\"],"
            + "\"roles\":[\"developer\"],\"grants\":[]}";

    @TempDir
    Path tmp;

    TestDouble server;
    TestCli cli;

    @BeforeEach
    void start() throws Exception {
        server = new TestDouble().withDiscovery();
        cli = new TestCli(tmp).pointedAt(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void passwordGrantSendsTheCredentialsOfTheRunwayCliClientAndCachesTheTokensPrivately() throws Exception {
        String access = Tokens.jwt("alice", "a1");
        server.on("POST", TOKEN, Tokens.tokenResponse(access, "refresh-1", 300, 1800));
        cli.env.put("RUNWAY_PASSWORD", "runway-demo");

        assertEquals(0, cli.run("login", "--password", "--username", "alice"), cli.err);

        Map<String, String> form = server.only("POST", TOKEN).form();
        assertEquals(Map.of("grant_type", "password", "client_id", "runway-cli", "username", "alice",
                "password", "runway-demo", "scope", "openid"), form);
        assertEquals("application/x-www-form-urlencoded", server.only("POST", TOKEN).header("Content-Type"));
        assertTrue(cli.out.contains("Logged in as alice"), cli.out);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.credentials())));
        StoredCredentials stored = new TokenCache(cli.credentials().getParent()).load();
        assertEquals(new StoredCredentials(server.issuer(), "runway-cli", "alice", access,
                TestCli.START.plusSeconds(300), "refresh-1", TestCli.START.plusSeconds(1800)), stored);
        assertFalse(Files.readString(cli.credentials()).contains("runway-demo"), "the password is never stored");
    }

    @Test
    void passwordGrantPromptsForWhatTheEnvironmentDoesNotGive() {
        server.on("POST", TOKEN, Tokens.tokenResponse(Tokens.jwt("carol", "c1"), "r", 300, 1800));
        cli.typed.add("carol");
        cli.typed.add("s3cret");

        assertEquals(0, cli.run("login", "--password"), cli.err);

        Map<String, String> form = server.only("POST", TOKEN).form();
        assertEquals("carol", form.get("username"));
        assertEquals("s3cret", form.get("password"));
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureWithTheProvidersReason() {
        server.on("POST", TOKEN, Tokens.oauthError(401, "invalid_grant", "Invalid user credentials"));
        cli.env.put("RUNWAY_USERNAME", "alice");
        cli.env.put("RUNWAY_PASSWORD", "wrong");

        assertEquals(ExitCodes.AUTH, cli.run("login", "--password"));

        assertTrue(cli.err.contains("Invalid user credentials"), cli.err);
        assertFalse(Files.exists(cli.credentials()));
    }

    @Test
    void deviceFlowPrintsTheCodeAndPollsHonouringPendingAndSlowDown() {
        server.on("POST", DEVICE, json(200, "{\"device_code\":\"dev-123\",\"user_code\":\"WXYZ-1234\","
                + "\"verification_uri\":\"http://kc/realms/runway/device\","
                + "\"verification_uri_complete\":\"http://kc/realms/runway/device?user_code=WXYZ-1234\","
                + "\"expires_in\":600,\"interval\":5}"));
        server.on("POST", TOKEN, Tokens.oauthError(400, "authorization_pending", "The request is still pending"));
        server.on("POST", TOKEN, Tokens.oauthError(400, "slow_down", "Slow down"));
        server.on("POST", TOKEN, Tokens.oauthError(400, "authorization_pending", "pending"));
        server.on("POST", TOKEN, Tokens.tokenResponse(Tokens.jwt("bob", "b1"), "refresh-b", 300, 1800));

        assertEquals(0, cli.run("login"), cli.err);

        assertEquals(Map.of("client_id", "runway-cli", "scope", "openid"), server.only("POST", DEVICE).form());
        List<TestDouble.Request> polls = server.requests("POST", TOKEN);
        assertEquals(4, polls.size());
        for (TestDouble.Request poll : polls) {
            assertEquals(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", "runway-cli",
                    "device_code", "dev-123"), poll.form());
        }
        // one interval before each poll; slow_down adds five seconds for good
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10)), cli.sleeps);
        assertTrue(cli.out.contains("http://kc/realms/runway/device"), cli.out);
        assertTrue(cli.out.contains("WXYZ-1234"), cli.out);
        assertTrue(cli.out.contains("Logged in as bob"), cli.out);
        assertTrue(cli.err.contains("every 10s"), cli.err);
        assertTrue(Files.exists(cli.credentials()));
    }

    @Test
    void deviceFlowStopsWhenTheProviderSaysTheCodeExpired() {
        server.on("POST", DEVICE, json(200, "{\"device_code\":\"d\",\"user_code\":\"AAAA-BBBB\","
                + "\"verification_uri\":\"http://kc/device\",\"expires_in\":600,\"interval\":5}"));
        server.on("POST", TOKEN, Tokens.oauthError(400, "expired_token", "Device code expired"));

        assertEquals(ExitCodes.AUTH, cli.run("login"));

        assertTrue(cli.err.contains("expired"), cli.err);
        assertFalse(Files.exists(cli.credentials()));
    }

    @Test
    void deviceFlowGivesUpAtTheCodesOwnExpiryWithoutAnotherPoll() {
        server.on("POST", DEVICE, json(200, "{\"device_code\":\"d\",\"user_code\":\"AAAA-BBBB\","
                + "\"verification_uri\":\"http://kc/device\",\"expires_in\":12}"));
        server.always("POST", TOKEN, r -> Tokens.oauthError(400, "authorization_pending", "pending"));

        assertEquals(ExitCodes.AUTH, cli.run("login"));

        // no interval in the answer: the RFC's default of five seconds; 5 and 10 s poll, at 15 s the code is dead
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), cli.sleeps);
        assertEquals(2, server.requests("POST", TOKEN).size());
    }

    @Test
    void deniedDeviceLoginIsAnAuthenticationFailure() {
        server.on("POST", DEVICE, json(200, "{\"device_code\":\"d\",\"user_code\":\"U\","
                + "\"verification_uri\":\"http://kc/device\",\"expires_in\":600,\"interval\":1}"));
        server.on("POST", TOKEN, Tokens.oauthError(400, "access_denied", "denied"));

        assertEquals(ExitCodes.AUTH, cli.run("login"));
        assertTrue(cli.err.contains("denied"), cli.err);
    }

    @Test
    void aCachedTokenThatIsStillValidIsSentWithoutTouchingTheProvider() {
        saveLogin("access-1", TestCli.START.plusSeconds(300), "refresh-1", TestCli.START.plusSeconds(1800));
        server.on("GET", "/api/v1/me", json(200, ME_JSON));

        assertEquals(0, cli.run("whoami"), cli.err);

        assertEquals("Bearer access-1", server.only("GET", "/api/v1/me").header("Authorization"));
        assertEquals(List.of(), server.requests("POST", TOKEN));
        assertTrue(cli.out.lines().anyMatch(l -> l.matches("teams\\s+payments")), cli.out);
        assertTrue(cli.out.lines().anyMatch(l -> l.matches("credentials\\s+login of alice")), cli.out);
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndTheRotatedTokensAreCached() throws Exception {
        saveLogin("access-1", TestCli.START.minusSeconds(1), "refresh-1", TestCli.START.plusSeconds(1800));
        String fresh = Tokens.jwt("alice", "a2");
        server.on("POST", TOKEN, Tokens.tokenResponse(fresh, "refresh-2", 300, 1800));
        server.on("GET", "/api/v1/me", json(200, ME_JSON));

        assertEquals(0, cli.run("whoami"), cli.err);

        assertEquals(Map.of("grant_type", "refresh_token", "client_id", "runway-cli", "refresh_token", "refresh-1"),
                server.only("POST", TOKEN).form());
        assertEquals("Bearer " + fresh, server.only("GET", "/api/v1/me").header("Authorization"));
        StoredCredentials stored = new TokenCache(cli.credentials().getParent()).load();
        assertEquals(fresh, stored.accessToken());
        assertEquals("refresh-2", stored.refreshToken());
        assertEquals(TestCli.START.plusSeconds(300), stored.accessExpiresAt());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.credentials())));
    }

    @Test
    void aTokenAboutToExpireIsRefreshedAhead() {
        saveLogin("access-1", TestCli.START.plusSeconds(10), "refresh-1", TestCli.START.plusSeconds(1800));
        server.on("POST", TOKEN, Tokens.tokenResponse("access-2", "refresh-2", 300, 1800));
        server.on("GET", "/api/v1/me", json(200, ME_JSON));

        assertEquals(0, cli.run("whoami"), cli.err);
        assertEquals("Bearer access-2", server.only("GET", "/api/v1/me").header("Authorization"));
    }

    @Test
    void aRefusedRefreshSendsThePersonBackToLogin() {
        saveLogin("access-1", TestCli.START.minusSeconds(1), "refresh-1", TestCli.START.plusSeconds(1800));
        server.on("POST", TOKEN, Tokens.oauthError(400, "invalid_grant", "Session not active"));

        assertEquals(ExitCodes.AUTH, cli.run("whoami"));

        assertTrue(cli.err.contains("runway login"), cli.err);
        assertEquals(List.of(), server.requests("GET", "/api/v1/me"));
    }

    @Test
    void anExpiredRefreshTokenIsNotEvenTried() {
        saveLogin("access-1", TestCli.START.minusSeconds(600), "refresh-1", TestCli.START.minusSeconds(1));

        assertEquals(ExitCodes.AUTH, cli.run("whoami"));

        assertTrue(cli.err.contains("expired"), cli.err);
        assertEquals(List.of(), server.requests());
    }

    @Test
    void runwayTokenIsUsedAsIsAndNothingIsCached() {
        cli.env.put("RUNWAY_TOKEN", "ci-token-xyz");
        server.on("GET", "/api/v1/me", json(200, ME_JSON));

        assertEquals(0, cli.run("whoami"), cli.err);

        assertEquals("Bearer ci-token-xyz", server.only("GET", "/api/v1/me").header("Authorization"));
        assertEquals(1, server.requests().size(), "no discovery, no token endpoint");
        assertFalse(Files.exists(cli.credentials()));
        assertTrue(cli.out.lines().anyMatch(l -> l.matches("credentials\\s+RUNWAY_TOKEN")), cli.out);
    }

    @Test
    void withoutAnyCredentialsTheCommandSaysHowToGetThem() {
        assertEquals(ExitCodes.AUTH, cli.run("whoami"));
        assertTrue(cli.err.contains("not logged in"), cli.err);
        assertTrue(cli.err.contains("RUNWAY_TOKEN"), cli.err);
    }

    @Test
    void aLoginAtAnotherIssuerIsNotSentToThisOne() {
        new TokenCache(cli.credentials().getParent()).save(new StoredCredentials("http://other/realms/runway",
                "runway-cli", "alice", "access-1", TestCli.START.plusSeconds(300), "r", null));

        assertEquals(ExitCodes.AUTH, cli.run("whoami"));

        assertTrue(cli.err.contains("http://other/realms/runway"), cli.err);
        assertEquals(List.of(), server.requests());
    }

    @Test
    void aRefusedTokenIsAnAuthenticationFailure() {
        cli.env.put("RUNWAY_TOKEN", "stale");
        server.on("GET", "/api/v1/me", TestDouble.Response.problem(401, "{\"type\":\"https://runway.dev/problems/"
                + "unauthenticated\",\"title\":\"Unauthenticated\",\"status\":401,\"detail\":\"The bearer token is"
                + " missing, expired or invalid.\"}"));

        assertEquals(ExitCodes.AUTH, cli.run("whoami"));

        assertTrue(cli.err.contains("Unauthenticated (HTTP 401)"), cli.err);
        assertTrue(cli.err.contains("missing, expired or invalid"), cli.err);
    }

    @Test
    void whoamiJsonIsTheServicesAnswer() {
        cli.env.put("RUNWAY_TOKEN", "t");
        server.on("GET", "/api/v1/me", json(200, ME_JSON));

        assertEquals(0, cli.run("whoami", "--json"), cli.err);

        assertTrue(cli.out.contains("\"displayName\" : \"Alice Doe\""), cli.out);
    }

    @Test
    void logoutRevokesTheRefreshTokenAndDeletesTheFile() {
        saveLogin("access-1", TestCli.START.plusSeconds(300), "refresh-1", TestCli.START.plusSeconds(1800));
        server.on("POST", REVOKE, json(200, ""));

        assertEquals(0, cli.run("logout"), cli.err);

        assertEquals(Map.of("client_id", "runway-cli", "token", "refresh-1", "token_type_hint", "refresh_token"),
                server.only("POST", REVOKE).form());
        assertFalse(Files.exists(cli.credentials()));
        assertTrue(cli.out.contains("Logged out alice"), cli.out);
    }

    @Test
    void logoutDeletesLocallyEvenWhenTheProviderIsGone() {
        new TokenCache(cli.credentials().getParent()).save(new StoredCredentials("http://127.0.0.1:1/realms/runway",
                "runway-cli", "alice", "a", TestCli.START.plusSeconds(300), "r", null));

        assertEquals(0, cli.run("logout"));

        assertFalse(Files.exists(cli.credentials()));
        assertTrue(cli.err.contains("could not revoke"), cli.err);
    }

    @Test
    void logoutWithoutLoginSaysSo() {
        assertEquals(0, cli.run("logout"));
        assertTrue(cli.out.contains("Not logged in."), cli.out);
    }

    @Test
    void anIssuerWithoutDiscoveryIsReported() throws Exception {
        try (TestDouble bare = new TestDouble()) {
            cli.env.put("RUNWAY_OIDC_URL", bare.issuer());
            cli.env.put("RUNWAY_PASSWORD", "x");
            assertEquals(ExitCodes.AUTH, cli.run("login", "--password", "-u", "alice"));
            assertTrue(cli.err.contains("no OpenID Connect provider"), cli.err);
        }
    }

    @Test
    void anUnreachableProviderIsExitCodeFour() {
        cli.env.put("RUNWAY_OIDC_URL", "http://127.0.0.1:1/realms/runway");
        cli.env.put("RUNWAY_PASSWORD", "x");
        assertEquals(ExitCodes.UNREACHABLE, cli.run("login", "--password", "-u", "alice"));
        assertTrue(cli.err.contains("cannot reach http://127.0.0.1:1"), cli.err);
    }

    private void saveLogin(String access, Instant accessExpiresAt, String refresh, Instant refreshExpiresAt) {
        new TokenCache(cli.credentials().getParent()).save(new StoredCredentials(server.issuer(), "runway-cli",
                "alice", access, accessExpiresAt, refresh, refreshExpiresAt));
        assertNull(cli.env.get("RUNWAY_TOKEN"));
    }
}
