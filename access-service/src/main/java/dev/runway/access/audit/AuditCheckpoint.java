package dev.runway.access.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A retention checkpoint: every record up to {@code lastSeq} may have been pruned; {@code lastHash} is the hash
 * of record {@code lastSeq}, from which the chain continues. Signed so that nobody without the key can claim a
 * different history: {@code signature = hex(HMAC-SHA256(key, "<id>|<lastSeq>|<lastHash>|<prunedBefore µs>|<createdAt µs>"))}.
 */
public record AuditCheckpoint(long id, long lastSeq, String lastHash, Instant prunedBefore, Instant createdAt,
        String signature) {

    public static String sign(String key, long id, long lastSeq, String lastHash, Instant prunedBefore,
            Instant createdAt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String message = id + "|" + lastSeq + "|" + lastHash + "|" + micros(prunedBefore) + "|" + micros(createdAt);
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    public boolean signedWith(String key) {
        String expected = sign(key, id, lastSeq, lastHash, prunedBefore, createdAt);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }
}
