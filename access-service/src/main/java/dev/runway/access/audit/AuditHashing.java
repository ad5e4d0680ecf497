package dev.runway.access.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hash chain of the audit log.
 *
 * <p>{@code hash = hex(SHA-256(UTF-8(previousHash) || UTF-8(canonical)))}, where {@code previousHash} is the
 * lower-case hex hash of the record with the preceding {@code seq} (64 zeros for the first record ever, or the
 * hash stored in the signed checkpoint once earlier records were pruned), and {@code canonical} is this JSON
 * object without any whitespace, keys sorted by code point at every level:
 * <pre>
 * {"action":…,"actor":…,"actorTeams":[…],"clientAddress":…,"details":{…},"eventId":"&lt;uuid&gt;",
 *  "occurredAt":"&lt;UTC, ISO-8601, microseconds&gt;","outcome":…,"reason":…,"recordedAt":"&lt;same format&gt;",
 *  "requestId":…,"resource":…,"seq":&lt;integer&gt;,"sourceService":…}
 * </pre>
 * Absent optional values are JSON {@code null}; {@code actorTeams} keeps the stored order; strings use Jackson's
 * escaping; numbers in {@code details} are written in plain decimal notation (no exponent) so that they survive
 * the round trip through PostgreSQL {@code jsonb} unchanged. Times are truncated to microseconds, PostgreSQL's
 * precision.
 */
public final class AuditHashing {
    public static final String GENESIS_HASH = "0".repeat(64);

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private AuditHashing() {
    }

    public static Instant toStoredPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The canonical form of one record's content (see the class comment). */
    public static String canonical(long seq, AuditRecordView r) {
        return canonical(seq, r.eventId().toString(), r.occurredAt(), r.recordedAt(), r.actor(), r.actorTeams(),
                r.action(), r.resource(), r.outcome(), r.reason(), r.sourceService(), r.requestId(),
                r.clientAddress(), r.details());
    }

    static String canonical(long seq, String eventId, Instant occurredAt, Instant recordedAt, String actor,
            List<String> actorTeams, String action, String resource, String outcome, String reason,
            String sourceService, String requestId, String clientAddress, JsonNode details) {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "action", action).append(',');
        field(out, "actor", actor).append(',');
        out.append("\"actorTeams\":[");
        for (int i = 0; i < actorTeams.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, actorTeams.get(i));
        }
        out.append("],");
        field(out, "clientAddress", clientAddress).append(',');
        out.append("\"details\":");
        canonicalJson(out, details);
        out.append(',');
        field(out, "eventId", eventId).append(',');
        field(out, "occurredAt", TIME.format(occurredAt)).append(',');
        field(out, "outcome", outcome).append(',');
        field(out, "reason", reason).append(',');
        field(out, "recordedAt", TIME.format(recordedAt)).append(',');
        field(out, "requestId", requestId).append(',');
        field(out, "resource", resource).append(',');
        out.append("\"seq\":").append(seq).append(',');
        field(out, "sourceService", sourceService);
        return out.append('}').toString();
    }

    public static String hash(String previousHash, String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.UTF_8));
            sha.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Canonical text of a details tree: what is stored in {@code jsonb} and what the hash covers. */
    public static String canonicalJson(JsonNode node) {
        StringBuilder out = new StringBuilder();
        canonicalJson(out, node);
        return out.toString();
    }

    /** Parses stored {@code jsonb} text back into the tree the hash was computed over. */
    public static JsonNode parseDetails(String json) {
        try {
            return json == null ? JsonNodeFactory.instance.objectNode() : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit details are not JSON", e);
        }
    }

    /** Converts caller-supplied details to a JSON tree. */
    public static ObjectNode toTree(Map<String, Object> details) {
        if (details == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        // Through text so that every number becomes BigDecimal/BigInteger, as when it is read back from jsonb.
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsString(new TreeMap<>(details)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("details are not representable as JSON", e);
        }
    }

    private static void canonicalJson(StringBuilder out, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(out, names.get(i));
                out.append(':');
                canonicalJson(out, node.get(names.get(i)));
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> items = node.elements();
            boolean first = true;
            while (items.hasNext()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                canonicalJson(out, items.next());
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(plain(node));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            string(out, node.asText());
        }
    }

    private static String plain(JsonNode number) {
        if (number.isIntegralNumber()) {
            BigInteger value = number.bigIntegerValue();
            return value.toString();
        }
        BigDecimal value = number.decimalValue();
        return value.toPlainString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
        return out;
    }

    private static void string(StringBuilder out, String value) {
        try {
            out.append(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
