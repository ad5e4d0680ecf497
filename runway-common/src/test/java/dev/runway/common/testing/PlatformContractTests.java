package dev.runway.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.common.ratelimit.WriteRateLimiter;
import dev.runway.common.security.CachingBearerIdentityProvider;
import io.quarkus.arc.Arc;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * The contract every Runway API service keeps (foundation issue): real signed tokens are verified
 * (signature, issuer, audience, expiry, no {@code alg: none}), every error is problem+json, and health,
 * OpenAPI and metrics are served. A service's test extends this and names its authenticated endpoint.
 */
public abstract class PlatformContractTests {

    /** Query parameters that set a page size. */
    private static final Set<String> PAGE_SIZE_PARAMETERS = Set.of("limit", "size", "pagesize", "page-size", "page_size",
            "perpage", "per_page", "max");

    /** An endpoint any authenticated caller may GET. */
    protected abstract String authenticatedPath();

    /**
     * A write a developer may attempt, as {@code "METHOD /api/..."}; its body {@code {}} must be refused (4xx) before
     * anything is stored.
     */
    protected abstract String developerWrite();

    /** A floor for the page-size parameters the service documents, so that renaming them cannot pass unnoticed. */
    protected abstract int minimumPageSizeParameters();

    /**
     * Whether a response of this media type is an error body of this service on that path: problem+json, unless the
     * service serves a compatibility API in another error format there (catalog's Backstage API) and says so.
     */
    protected boolean isErrorBody(String path, String contentType) {
        return contentType.startsWith("application/problem+json");
    }

    @Test
    void validTokenIsAccepted() {
        given().auth().oauth2(TestTokens.user("alice", List.of("payments"), "developer"))
                .when().get(authenticatedPath())
                .then().statusCode(200);
    }

    /**
     * A token verified once is reused from the verified-token cache: the second request adds no entry and gets the
     * same identity. A forgery built on the cached token (its header and signature, another payload granting more)
     * is not a hit and fails full verification.
     */
    @Test
    void aVerifiedTokenIsReusedButAForgeryOfItIsStill401() {
        CachingBearerIdentityProvider provider = Arc.container().instance(CachingBearerIdentityProvider.class).get();
        String user = "cache-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.user(user, List.of("payments"), "developer");
        int before = provider.cachedTokens();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).when().get("/api/v1/ping")
                    .then().statusCode(200).body("caller", equalTo(user)).body("roles", hasItem("developer"));
            assertEquals(before + 1, provider.cachedTokens(), "verified once, then reused");
        }
        String[] parts = token.split("\\.");
        String grantingMore = TestTokens.user(user, List.of("payments", "search"), "platform-admin").split("\\.")[1];
        assertUnauthenticated(given().auth().oauth2(parts[0] + "." + grantingMore + "." + parts[2])
                .when().get(authenticatedPath()).then());
        assertEquals(before + 1, provider.cachedTokens(), "a failed verification is never cached");
    }

    @Test
    void missingTokenIsProblem401() {
        assertUnauthenticated(given().when().get(authenticatedPath()).then());
    }

    @Test
    void tokenFromAnotherIssuerIs401() {
        assertUnauthenticated(given().auth().oauth2(TestTokens.withIssuer("alice", "https://evil.example/realms/runway"))
                .when().get(authenticatedPath()).then());
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        assertUnauthenticated(given().auth().oauth2(TestTokens.withAudience("alice", "some-other-api"))
                .when().get(authenticatedPath()).then());
    }

    @Test
    void expiredTokenIs401() {
        assertUnauthenticated(given().auth().oauth2(TestTokens.expired("alice"))
                .when().get(authenticatedPath()).then());
    }

    @Test
    void unsignedTokenIs401() {
        assertUnauthenticated(given().auth().oauth2(TestTokens.unsigned("alice"))
                .when().get(authenticatedPath()).then());
    }

    @Test
    void garbageTokenIs401() {
        assertUnauthenticated(given().auth().oauth2("not-a-jwt").when().get(authenticatedPath()).then());
    }

    @Test
    void unknownRouteIsProblem404() {
        given().auth().oauth2(TestTokens.user("alice", List.of("payments"), "developer"))
                .when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
                .body("type", startsWith("https://runway.dev/problems/"));
        given().when().get("/definitely/not/here")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void readinessChecksTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections health check")))
                .body("checks.name", hasItem("oidc-provider"));
    }

    @Test
    void openApiAndMetricsAreServed() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("openapi", startsWith("3."));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    /**
     * OWASP API2 (broken authentication), over every operation the service documents under {@code /api/}: each
     * forged, misdirected or stale token is refused with a problem+json 401 before any handler runs.
     */
    @Test
    void everyDocumentedApiOperationRefusesEveryForgedToken() throws Exception {
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg none", TestTokens.unsigned("alice"));
        forged.put("HS256 keyed with the public key", TestTokens.hs256WithPublicKey("alice"));
        forged.put("wrong issuer", TestTokens.withIssuer("alice", "https://evil.example/realms/runway"));
        forged.put("wrong audience", TestTokens.withAudience("alice", "some-other-api"));
        forged.put("expired", TestTokens.expired("alice"));
        forged.put("not yet valid", TestTokens.notYetValid("alice"));
        forged.put("unknown key id", TestTokens.unknownKey("alice"));
        forged.put("tampered payload", TestTokens.tamperedPayload("alice"));
        forged.put("ID token (portal audience)", TestTokens.idToken("alice", "portal-ui"));
        forged.put("ID token (runway-api audience)", TestTokens.idToken("alice", TestTokens.AUDIENCE));

        JsonNode paths = new ObjectMapper().readTree(given().when().get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString()).path("paths");
        List<String> refused = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            // Any value reaches the security check: it runs before parameters are converted or bodies read.
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                Iterator<String> mediaTypes = op.getValue().path("requestBody").path("content").fieldNames();
                String contentType = mediaTypes.hasNext() ? mediaTypes.next() : null;
                for (Map.Entry<String, String> token : forged.entrySet()) {
                    var request = given().auth().oauth2(token.getValue());
                    if (contentType != null) {
                        request = request.contentType(contentType).body((contentType.contains("json") ? "{}" : "x")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    Response response = request.when().request(method, concrete);
                    String what = method + " " + path.getKey() + " with " + token.getKey() + " -> "
                            + response.statusCode();
                    if (response.statusCode() == 401 && isErrorBody(path.getKey(), response.contentType())) {
                        refused.add(what);
                    } else {
                        accepted.add(what);
                    }
                }
            }
        }
        assertEquals(List.of(), accepted, "forged tokens that got past authentication");
        assertTrue(refused.size() >= forged.size() * minimumDocumentedOperations(),
                "too few operations found in the OpenAPI document: " + refused.size() / forged.size());
    }

    /**
     * The OpenAPI document generates usable clients: every operation has an operationId, unique in the document
     * (a generator names its methods after them), every tag an operation uses is declared with a description (it
     * becomes a client class's documentation), and the document declares its servers and its license.
     */
    @Test
    void theOpenApiDocumentCanGenerateClients() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().when().get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString());
        Map<String, String> operationIds = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> usedTags = new java.util.TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(op.getKey())) {
                    continue;
                }
                String where = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                String id = op.getValue().path("operationId").asText("");
                if (id.isEmpty()) {
                    problems.add(where + " has no operationId");
                } else if (operationIds.putIfAbsent(id, where) != null) {
                    problems.add(where + " repeats operationId " + id + " of " + operationIds.get(id));
                }
                op.getValue().path("tags").forEach(t -> usedTags.add(t.asText()));
            }
        }
        Map<String, String> declared = new LinkedHashMap<>();
        doc.path("tags").forEach(t -> declared.put(t.path("name").asText(), t.path("description").asText("")));
        for (String tag : usedTags) {
            if (declared.getOrDefault(tag, "").isBlank()) {
                problems.add("tag " + tag + " is not declared with a description");
            }
        }
        if (doc.path("servers").isEmpty()) {
            problems.add("no servers");
        }
        if (doc.path("info").path("license").path("name").asText("").isBlank()) {
            problems.add("no license");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(operationIds.size() >= minimumDocumentedOperations(), "too few operations: " + operationIds);
    }

    /** A floor for the operations the service documents, so that an empty OpenAPI document cannot pass. */
    protected int minimumDocumentedOperations() {
        return 3;
    }

    /**
     * The shared write limiter is in this service's request path: a user whose bucket is empty gets a problem+json
     * 429 with Retry-After on a write, while her reads, another user's writes and a service account's writes go
     * through. The limiter's clock is stopped so that no refill can race the assertions.
     */
    @Test
    void writesOfAUserBeyondHerBucketAre429ButNotHerReadsNorOthers() {
        StoppedRateLimitClock.install();
        WriteRateLimiter limiter = Arc.container().instance(WriteRateLimiter.class).get();
        String script = "rl-script-" + UUID.randomUUID().toString().substring(0, 8);
        String serviceClient = "rl-" + UUID.randomUUID().toString().substring(0, 8);
        limiter.drain(script);
        limiter.drain("service-account-" + serviceClient);
        String[] write = developerWrite().split(" ", 2);
        String token = TestTokens.user(script, List.of("payments"), "developer");
        double refusedBefore = refusedWrites();

        given().auth().oauth2(token).contentType("application/json").body("{}")
                .when().request(write[0], write[1])
                .then().statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("status", equalTo(429))
                .body("type", equalTo("https://runway.dev/problems/too-many-requests"));
        given().auth().oauth2(token).when().get(authenticatedPath()).then().statusCode(200);
        int other = given().auth().oauth2(TestTokens.user("rl-other-" + script, List.of("payments"), "developer"))
                .contentType("application/json").body("{}").when().request(write[0], write[1]).then()
                .extract().statusCode();
        assertTrue(other != 429 && other < 500, "another user's write answered " + other);
        int service = given().auth().oauth2(TestTokens.service(serviceClient))
                .contentType("application/json").body("{}").when().request(write[0], write[1]).then()
                .extract().statusCode();
        assertTrue(service != 429 && service < 500, "a service account's write answered " + service);
        assertEquals(refusedBefore + 1, refusedWrites(), "runway_rate_limited_total counts the one refusal");
    }

    private static double refusedWrites() {
        String name = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        Matcher counter = Pattern.compile("(?m)^runway_rate_limited_total\\{service=\"" + Pattern.quote(name)
                + "\"} (\\S+)$").matcher(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
        return counter.find() ? Double.parseDouble(counter.group(1)) : 0;
    }

    /**
     * Every page-size parameter of a GET under {@code /api/} documents its bounds (minimum at least 1, a maximum), and
     * an over-cap, zero, negative or non-numeric value is refused with a problem+json 4xx or at least never yields a
     * 5xx or more items than the cap.
     */
    @Test
    void everyPageSizeParameterIsCappedAndValidated() throws Exception {
        String token = TestTokens.user("rl-pager", List.of("payments"), "developer", "platform-admin", "auditor");
        JsonNode paths = new ObjectMapper().readTree(given().when().get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString()).path("paths");
        List<String> failures = new ArrayList<>();
        int found = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            JsonNode get = path.getValue().path("get");
            if (!path.getKey().startsWith("/api/") || get.isMissingNode()) {
                continue;
            }
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
            for (JsonNode parameter : get.path("parameters")) {
                String name = parameter.path("name").asText();
                if (!"query".equals(parameter.path("in").asText())
                        || !PAGE_SIZE_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                found++;
                String where = "GET " + path.getKey() + "?" + name;
                JsonNode schema = parameter.path("schema");
                if (!schema.path("maximum").isNumber() || schema.path("minimum").asLong(0) < 1) {
                    failures.add(where + ": the schema documents no minimum >= 1 and maximum: " + schema);
                    continue;
                }
                long cap = schema.path("maximum").asLong();
                for (String value : List.of(String.valueOf(cap + 1), "1000000", "0", "-1", "ten", "")) {
                    Response response = given().auth().oauth2(token).queryParam(name, value).when().get(concrete);
                    int status = response.statusCode();
                    String what = where + "=" + value + " -> " + status;
                    if (status >= 500) {
                        failures.add(what);
                    } else if (status >= 400 && !isErrorBody(path.getKey(), response.contentType())) {
                        failures.add(what + " without problem+json");
                    } else if (status < 300 && items(response) > cap) {
                        failures.add(what + " with " + items(response) + " items, more than the cap " + cap);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(found >= minimumPageSizeParameters(), "page-size parameters found: " + found);
    }

    /** The items of a page: the array itself, or the longest array among the page object's fields. */
    private static int items(Response response) {
        String body = response.asString();
        if (body == null || body.isBlank() || !response.contentType().contains("json")) {
            return 0;
        }
        try {
            JsonNode json = new ObjectMapper().readTree(body);
            if (json.isArray()) {
                return json.size();
            }
            int most = 0;
            for (JsonNode field : json) {
                if (field.isArray()) {
                    most = Math.max(most, field.size());
                }
            }
            return most;
        } catch (Exception e) {
            throw new AssertionError("a 2xx page that is not JSON: " + body, e);
        }
    }

    protected static void assertUnauthenticated(ValidatableResponse response) {
        response.statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Authentication required"));
    }
}
