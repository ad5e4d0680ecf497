package dev.runway.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.common.ratelimit.WriteRateLimiter;
import dev.runway.common.scheduling.ScheduledRuns;
import dev.runway.common.testing.BadInputCorpus.BodyCase;
import io.restassured.RestAssured;

/**
 * Bad input on every write operation a service documents under {@code /api/} (hardening issue, item 8): each
 * case of {@link BadInputCorpus} is sent as a platform-admin, so authorization is never why it is refused, and
 * must be answered with a 4xx problem+json, never a 5xx or a 2xx; afterwards the service's database holds exactly
 * what it held before. A service's test extends this and names its database.
 */
public abstract class BadInputContractTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Above any max-body-size a service configures; only the Content-Length header is that large. */
    private static final long OVERSIZED = 64L * 1024 * 1024;

    /** The service's database, as named to {@link RunwayTestResource}. */
    protected abstract String database();

    /** A floor for the cases sent, so that an empty or shrunken OpenAPI document cannot pass. */
    protected abstract int minimumCases();

    /** The bearer token for an operation: a platform-admin unless the operation is for another kind of caller. */
    protected String tokenFor(String method, String path) {
        return TestTokens.user("dave", List.of(), "platform-admin");
    }

    /** Cases only this service's formats call for (catalog descriptors), for an operation taking this media type. */
    protected List<BodyCase> serviceCases(String method, String path, String contentType) {
        return List.of();
    }

    /**
     * Operations that judge their input rather than store it (a linter endpoint): a parseable but invalid body
     * gets a 200 verdict there by contract, so only 5xx and non-problem errors count against them.
     */
    protected boolean answersWithVerdict(String method, String path) {
        return false;
    }

    /** A path parameter value that is well formed but names nothing, used while the body is the bad part. */
    protected String benignPathValue(String parameter) {
        return "00000000-0000-4000-8000-000000000000";
    }

    /**
     * The status an error body states, or -1 when the body is not an error this service answers on that path.
     * Runway's errors are problem+json ({@code status}); a service that also serves a compatibility API in another
     * error format (catalog's Backstage API) overrides this for that API's paths.
     */
    protected int statedErrorStatus(String path, String contentType, String body) {
        if (!contentType.startsWith("application/problem+json")) {
            return -1;
        }
        try {
            return JSON.readTree(body).path("status").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Tables left out of the fingerprint: Flyway's own bookkeeping, the shared rate-limit buckets, which every
     * authenticated write spends from before its input is read (a script sending bad input is throttled too), and
     * the elected scheduled jobs' last runs, which the scheduler moves on its own while the test runs.
     */
    protected Set<String> unfingerprintedTables() {
        return Set.of("flyway_schema_history", WriteRateLimiter.TABLE, ScheduledRuns.TABLE);
    }

    /**
     * The rows of a table the fingerprint covers. A refused write may leave an audit record of the attempt (a
     * rejected import is audited as a failure, a denial as deny, by design), so the audit outbox is held to
     * gaining no record of a successful change; every other table to gaining nothing at all.
     */
    protected String fingerprintedRows(String table) {
        return table.equals("audit_outbox") ? "outcome NOT IN ('failure', 'deny')" : "true";
    }

    @Test
    void everyWriteOperationRefusesEveryBadInputWithProblemJson() throws Exception {
        JsonNode openApi = JSON.readTree(send("GET", "/q/openapi?format=json", null, null, null).body);
        Map<String, String> before = fingerprint();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            boolean hasPathParams = path.getKey().contains("{");
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                JsonNode content = op.getValue().path("requestBody").path("content");
                if (!WRITES.contains(method) || (content.isEmpty() && !hasPathParams)) {
                    // Nothing to spoil: no body, no path parameter.
                    continue;
                }
                operations++;
                String token = tokenFor(method, path.getKey());
                boolean verdict = answersWithVerdict(method, path.getKey());
                List<String> mediaTypes = new ArrayList<>();
                content.fieldNames().forEachRemaining(mediaTypes::add);
                String benignPath = fill(path.getKey(), null);
                List<BodyCase> bodies = bodyCases(method, path.getKey(), mediaTypes, content, openApi);
                for (BodyCase c : bodies) {
                    sent++;
                    check(wrong, c.name(), send(method, benignPath, token, c.contentType(), c.body()), verdict,
                            path.getKey());
                }
                if (hasPathParams) {
                    BodyCase usual = mediaTypes.isEmpty() ? null : usualBody(mediaTypes.get(0), content, openApi);
                    for (Map.Entry<String, String> value : BadInputCorpus.pathValues().entrySet()) {
                        sent++;
                        Response r = send(method, fill(path.getKey(), value.getValue()), token,
                                usual == null ? null : usual.contentType(), usual == null ? null : usual.body());
                        check(wrong, "path " + value.getKey(), r.withRequest(method + " " + path.getKey()), false,
                                path.getKey());
                    }
                    for (Map.Entry<String, String> value : BadInputCorpus.transportRefusedPathValues().entrySet()) {
                        sent++;
                        Response r = send(method, fill(path.getKey(), value.getValue()), token, null, null);
                        if (r.status < 400 || r.status >= 500) {
                            wrong.add("path " + value.getKey() + ": " + r.withRequest(method + " " + path.getKey()));
                        }
                    }
                }
                if (!mediaTypes.isEmpty()) {
                    sent++;
                    check(wrong, "oversized body", sendOversized(method, benignPath, token, mediaTypes.get(0)),
                            false, path.getKey());
                }
            }
        }
        assertEquals(List.of(), wrong, "bad input answered otherwise than with a 4xx problem+json");
        Map<String, String> after = fingerprint();
        assertEquals(before, after, () -> "bad input changed the database: " + samples(before, after));
        assertTrue(sent >= minimumCases(), "only " + sent + " bad-input cases over " + operations + " operations");
        System.out.printf("bad input: %d cases over %d write operations of %s%n", sent, operations, database());
    }

    @Test
    void oversizedBodyIsProblem413() throws Exception {
        Response r = sendOversized("POST", "/api/v1/no-such-thing", tokenFor("POST", "/api/v1/no-such-thing"),
                "application/json");
        assertEquals(413, r.status, r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.toString());
        assertEquals(413, JSON.readTree(r.body).path("status").asInt(), r.toString());
    }

    private List<BodyCase> bodyCases(String method, String path, List<String> mediaTypes, JsonNode content,
            JsonNode openApi) {
        List<BodyCase> cases = new ArrayList<>();
        boolean yamlDone = false;
        for (String mediaType : mediaTypes) {
            if (mediaType.contains("*")) {
                continue;
            }
            if (mediaType.contains("json")) {
                cases.addAll(BadInputCorpus.malformedJson(mediaType));
                JsonNode skeleton = BadInputCorpus.skeleton(content.path(mediaType).path("schema"), openApi, 0);
                if (skeleton instanceof ObjectNode object && object.size() > 0) {
                    cases.addAll(BadInputCorpus.schemaCases(mediaType, object));
                }
            } else if (mediaType.contains("yaml") && !yamlDone) {
                // The YAML media types share one parser: the bombs go to the first only.
                cases.addAll(BadInputCorpus.hostileYaml(mediaType));
                yamlDone = true;
            }
            cases.addAll(serviceCases(method, path, mediaType));
        }
        if (!mediaTypes.isEmpty() && mediaTypes.stream().noneMatch(m -> m.contains("*"))) {
            for (BodyCase c : BadInputCorpus.wrongMediaTypes()) {
                if (!mediaTypes.contains(c.contentType().split(";")[0])) {
                    cases.add(c);
                }
            }
        }
        return cases;
    }

    private BodyCase usualBody(String mediaType, JsonNode content, JsonNode openApi) {
        if (mediaType.contains("*")) {
            return null;
        }
        try {
            JsonNode skeleton = BadInputCorpus.skeleton(content.path(mediaType).path("schema"), openApi, 0);
            return new BodyCase("usual", mediaType, JSON.writeValueAsBytes(skeleton));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String fill(String template, String hostile) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                sb.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            sb.append(template, i, open);
            String parameter = template.substring(open + 1, close);
            // Hostile values go into the last parameter, where resources look things up.
            boolean last = template.indexOf('{', close) < 0;
            sb.append(hostile != null && last ? hostile
                    : BadInputCorpus.encodePathSegment(benignPathValue(parameter)));
            i = close + 1;
        }
        return sb.toString();
    }

    private void check(List<String> wrong, String what, Response r, boolean verdict, String path) {
        if (verdict && r.status == 200) {
            return;
        }
        int status = statedErrorStatus(path, r.contentType(), new String(r.body, StandardCharsets.UTF_8));
        boolean authorization = r.status == 401 || r.status == 403;
        if (r.status < 400 || r.status >= 500 || authorization || status != r.status) {
            wrong.add(what + ": " + r);
        }
    }

    /** Row count and content digest of every table in the public schema. */
    private Map<String, String> fingerprint() throws Exception {
        Map<String, String> print = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl(database()), "postgres", "");
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                if (unfingerprintedTables().contains(table)) {
                    continue;
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY"
                        + " t::text), '')) FROM \"" + table + "\" t WHERE " + fingerprintedRows(table))) {
                    rs.next();
                    print.put(table, rs.getLong(1) + " rows, " + rs.getString(2));
                }
            }
        }
        assertTrue(print.size() > 1, "no tables found in " + database());
        return print;
    }

    /** A few rows of each table that changed, to say what the refused requests left behind. */
    private String samples(Map<String, String> before, Map<String, String> after) {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl(database()), "postgres", "");
                Statement s = c.createStatement()) {
            for (String table : after.keySet()) {
                if (after.get(table).equals(before.get(table))) {
                    continue;
                }
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM \"" + table + "\" t LIMIT 3")) {
                    while (rs.next()) {
                        sb.append('\n').append(table).append(": ").append(rs.getString(1));
                    }
                }
            }
        } catch (Exception e) {
            sb.append(e);
        }
        return sb.toString();
    }

    /** An HTTP exchange over a plain socket: exact bytes, any path, no client-side URL or header rewriting. */
    private Response send(String method, String path, String token, String contentType, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nAccept: application/json, application/problem+json\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        byte[] payload = body == null ? new byte[0] : body;
        if (body != null || WRITES.contains(method)) {
            head.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            return Response.read(socket.getInputStream()).withRequest(method + " " + path);
        }
    }

    /** Announces a body far above the limit and sends only its start: the server must refuse it on the header. */
    private Response sendOversized(String method, String path, String token, String contentType) throws IOException {
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + OVERSIZED + "\r\n\r\n";
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write("[".repeat(1024).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return Response.read(socket.getInputStream()).withRequest(method + " " + path + " (oversized)");
        }
    }

    private record Response(int status, Map<String, String> headers, byte[] body, String request) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        Response withRequest(String what) {
            return new Response(status, headers, body, what);
        }

        static Response read(InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            if (end < 0) {
                return new Response(-1, Map.of(), all, null);
            }
            String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Response(status, headers, body, null);
        }

        private static byte[] dechunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int i = 0;
            while (i < chunked.length) {
                int lineEnd = indexOf(chunked, new byte[] { '\r', '\n' }, i);
                if (lineEnd < 0) {
                    break;
                }
                int size = Integer.parseInt(new String(chunked, i, lineEnd - i, StandardCharsets.US_ASCII)
                        .split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                out.write(chunked, lineEnd + 2, size);
                i = lineEnd + 2 + size + 2;
            }
            return out.toByteArray();
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer: for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return request + " -> " + status + " " + contentType() + " "
                    + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
    }
}
