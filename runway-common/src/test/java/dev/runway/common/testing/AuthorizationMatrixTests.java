package dev.runway.common.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The object- and function-level authorization matrix (OWASP API1 and API5), generated from the service's OpenAPI
 * document: every operation under {@code /api/} is classified, for each demo user and a Runway service account, in a
 * table the service keeps as a test resource, and every cell is sent as a real request with a valid body against
 * objects owned by team payments or team search. A documented operation missing from the table fails the build, so a
 * new endpoint cannot ship unclassified; so does a row naming an operation that is not documented.
 *
 * <p>The table is whitespace-separated text; {@code #} starts a comment. Its first row is the header
 * {@code method path target alice bob carol frank dave erin service}; each further row names an operation, the
 * target it acts on ({@code payments} or {@code search}: the owning team of the object the subclass creates for the
 * cell; {@code -} where there is none, or a word the subclass defines) and one {@link Outcome} per caller.
 */
public abstract class AuthorizationMatrixTests {
    /** The demo realm's people (deploy/keycloak/runway-realm.json) and a Runway service account, in table order. */
    public static final List<String> CALLERS = List.of("alice", "bob", "carol", "frank", "dave", "erin", "service");

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final String PROBLEM = "application/problem+json";

    /** The class of answer a cell expects. */
    public enum Outcome {
        /** Allowed: a 2xx. */
        ALLOWED("ok"),
        /**
         * Not refused for authorization, but for a business reason the fixture sets up on purpose: a problem+json 409
         * or 422 (e.g. approving a request that is not pending), with no denial from access-service. Never 400, which
         * would hide an authorization gap.
         */
        BUSINESS("biz"),
        /** Function-level refusal: a problem+json 403 from the role check, before access-service is asked anything. */
        ROLE("role"),
        /**
         * Object-level refusal: a problem+json 403 once the object is known (access-service was asked about it), by
         * access-service's denial or by a rule of the service.
         */
        DENIED("deny"),
        /** Object-level refusal of a read: a problem+json 404, so that the caller cannot learn the object exists. */
        HIDDEN("hide"),
        /**
         * Object-level refusal inside a batch: a problem+json 422 naming the documents refused, after access-service
         * denied one, where the operation reports per item and writes nothing (all or nothing).
         */
        REJECTED("reject");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        static Outcome of(String word) {
            for (Outcome outcome : values()) {
                if (outcome.word.equals(word)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("unknown outcome '" + word + "'; expected one of "
                    + Arrays.stream(values()).map(o -> o.word).toList());
        }

        @Override
        public String toString() {
            return word;
        }
    }

    /** A documented operation, as {@code METHOD /path/{template}}. */
    public record Operation(String method, String path) implements Comparable<Operation> {
        @Override
        public String toString() {
            return method + " " + path;
        }

        @Override
        public int compareTo(Operation other) {
            return toString().compareTo(other.toString());
        }
    }

    /** One cell: who calls which operation on which target. */
    public record Cell(Operation operation, String target, String caller) {
        @Override
        public String toString() {
            return operation + " [" + target + "] as " + caller;
        }
    }

    /** One row of the table. */
    public record Row(Operation operation, String target, Map<String, Outcome> expected) {
    }

    /** The classpath resource holding the table. */
    protected abstract String matrixResource();

    /**
     * Creates what the cell needs (as a platform-admin, so that fixtures never depend on the caller's rights) and
     * returns the request to send: path parameters filled from those objects, and a valid body. The specification it
     * is given already carries the caller's token.
     */
    protected abstract Function<RequestSpecification, Response> prepare(Cell cell);

    /**
     * Whether decisions come from runway-common's {@link PolicyDecisionDouble} in this JVM: then each refusal is also
     * checked to be function-level (nothing asked) or object-level (a decision asked and denied).
     */
    protected boolean decisionsFromDouble() {
        return false;
    }

    /** The client id of the service account in the {@code service} column. */
    protected String serviceClient() {
        return "provisioning-service";
    }

    /** A signed token for a caller of the table. */
    public String token(String caller) {
        return switch (caller) {
            case "alice", "bob" -> TestTokens.user(caller, List.of("payments"), "developer");
            case "carol", "frank" -> TestTokens.user(caller, List.of("search"), "developer");
            case "dave" -> TestTokens.user(caller, List.of(), "platform-admin");
            case "erin" -> TestTokens.user(caller, List.of(), "auditor");
            case "service" -> TestTokens.service(serviceClient());
            default -> throw new IllegalArgumentException("not a caller of the matrix: " + caller);
        };
    }

    @Test
    void everyDocumentedOperationIsClassified() throws IOException {
        Set<Operation> documented = documentedOperations();
        Set<Operation> classified = new TreeSet<>();
        rows().forEach(row -> classified.add(row.operation()));
        Set<Operation> unclassified = new TreeSet<>(documented);
        unclassified.removeAll(classified);
        Set<Operation> undocumented = new TreeSet<>(classified);
        undocumented.removeAll(documented);
        assertAll(
                () -> assertEquals(Set.of(), unclassified, "documented operations missing from " + matrixResource()),
                () -> assertEquals(Set.of(), undocumented, "rows of " + matrixResource()
                        + " naming no documented operation"),
                () -> assertTrue(documented.size() >= 3, "too few operations found in the OpenAPI document: "
                        + documented.size()));
    }

    @Test
    void everyCellHasItsExpectedOutcome() {
        List<Row> rows = rows();
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Row row : rows) {
            for (String caller : CALLERS) {
                Cell cell = new Cell(row.operation(), row.target(), caller);
                Outcome expected = row.expected().get(caller);
                cells++;
                Function<RequestSpecification, Response> request;
                try {
                    request = prepare(cell);
                } catch (RuntimeException | AssertionError e) {
                    wrong.add(cell + ": its fixture could not be prepared: " + e);
                    continue;
                }
                if (decisionsFromDouble()) {
                    PolicyDecisionDouble.reset();
                }
                Response response = request.apply(given().auth().oauth2(token(caller)));
                String mismatch = mismatch(expected, response);
                if (mismatch != null) {
                    wrong.add(cell + ": expected " + expected + ", " + mismatch);
                }
            }
        }
        System.out.printf("Authorization matrix of %s: %d operations, %d rows, %d callers, %d cells%n",
                matrixResource(), rows.stream().map(Row::operation).distinct().count(), rows.size(), CALLERS.size(),
                cells);
        assertEquals(List.of(), wrong, "cells of the authorization matrix with another outcome");
    }

    private String mismatch(Outcome expected, Response response) {
        int status = response.statusCode();
        String type = response.contentType() == null ? "" : response.contentType();
        String got = "got " + status + " " + type + " " + abbreviate(response.asString());
        boolean problem = type.startsWith(PROBLEM);
        boolean asked = decisionsFromDouble() && !PolicyDecisionDouble.asked().isEmpty();
        boolean denied = decisionsFromDouble() && !PolicyDecisionDouble.denied().isEmpty();
        return switch (expected) {
            case ALLOWED -> status >= 200 && status < 300 ? null : got;
            case BUSINESS -> {
                if ((status != 409 && status != 422) || !problem) {
                    yield got;
                }
                yield denied ? "refused with " + status + " after access-service denied "
                        + PolicyDecisionDouble.denied().stream()
                                .map(a -> a.request().action() + " on " + a.request().resource().id()).toList() : null;
            }
            case ROLE -> {
                if (status != 403 || !problem) {
                    yield got;
                }
                yield decisionsFromDouble() && asked ? "refused with 403, but only after asking access-service "
                        + PolicyDecisionDouble.asked().stream()
                                .map(a -> a.request().action() + " on " + a.request().resource().id()).toList() : null;
            }
            case DENIED, HIDDEN, REJECTED -> {
                int refusal = switch (expected) {
                    case DENIED -> 403;
                    case HIDDEN -> 404;
                    default -> 422;
                };
                if (status != refusal || !problem) {
                    yield got;
                }
                // A change may be refused by a rule of the service itself once the object is known (a requester never
                // decides her own request; credentials only to the owning team), a read is hidden after a denial.
                if (expected == Outcome.DENIED) {
                    yield decisionsFromDouble() && !asked ? "refused with 403 before the object was looked at" : null;
                }
                yield decisionsFromDouble() && !denied ? "refused with " + status
                        + " without any decision of access-service denying it" : null;
            }
        };
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    /** The operations the running service documents under {@code /api/}. */
    protected Set<Operation> documentedOperations() throws IOException {
        JsonNode paths = new ObjectMapper().readTree(given().when().get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString()).path("paths");
        Set<Operation> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next().toUpperCase(Locale.ROOT);
                if (METHODS.contains(method)) {
                    operations.add(new Operation(method, path.getKey()));
                }
            }
        }
        return operations;
    }

    /** The table, parsed; a malformed row fails with its line number. */
    protected List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        boolean header = true;
        int number = 0;
        for (String line : read(matrixResource()).split("\n")) {
            number++;
            String text = line.replaceFirst("#.*", "").trim();
            if (text.isEmpty()) {
                continue;
            }
            List<String> words = List.of(text.split("\\s+"));
            if (header) {
                List<String> expected = new ArrayList<>(List.of("method", "path", "target"));
                expected.addAll(CALLERS);
                assertEquals(expected, words, matrixResource() + ":" + number + ": the header");
                header = false;
                continue;
            }
            assertEquals(3 + CALLERS.size(), words.size(), matrixResource() + ":" + number + ": " + line);
            Map<String, Outcome> expected = new LinkedHashMap<>();
            for (int i = 0; i < CALLERS.size(); i++) {
                expected.put(CALLERS.get(i), Outcome.of(words.get(3 + i)));
            }
            rows.add(new Row(new Operation(words.get(0), words.get(1)), words.get(2), expected));
        }
        return rows;
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
