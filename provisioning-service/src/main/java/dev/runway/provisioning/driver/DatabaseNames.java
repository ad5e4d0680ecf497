package dev.runway.provisioning.driver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Turns a team and a requested database name into the one identifier used as the PostgreSQL database and role,
 * the MariaDB database and user, and the Redis ACL user and key prefix. Whatever it is given, the result matches
 * {@link #SAFE} (so drivers may quote it without escaping) and fits PostgreSQL's 63-byte identifier limit; the
 * same input always gives the same name. For names the request validation accepts and that begin with a letter
 * it is {@code team_name} with hyphens as underscores, as it always was.
 */
public final class DatabaseNames {
    public static final Pattern SAFE = Pattern.compile("^[a-z][a-z0-9_]*$");
    public static final int MAX_LENGTH = 63;
    /** Room kept for {@code _} and an 8-hex-digit digest when a name has to be shortened. */
    private static final int DIGEST_LENGTH = 8;

    private DatabaseNames() {
    }

    public static String physical(String team, String name) {
        String joined = team + "_" + name;
        StringBuilder sb = new StringBuilder(joined.length() + 3);
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
        }
        // Anything beyond hyphens turned into underscores loses information: two inputs could meet in one name.
        boolean lossy = !sb.toString().equals(joined.replace('-', '_'));
        // A team may begin with a digit; an identifier may not (and MariaDB would read 1e1_x as a number).
        if (sb.charAt(0) < 'a' || sb.charAt(0) > 'z') {
            sb.insert(0, "db_");
        }
        if (lossy || sb.length() > MAX_LENGTH) {
            sb.setLength(Math.min(sb.length(), MAX_LENGTH - DIGEST_LENGTH - 1));
            sb.append('_').append(digest(joined));
        }
        return sb.toString();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, DIGEST_LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
