package dev.runway.provisioning.driver;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A database to provision: {@code name} is the database, its owner role/user and (Redis) key prefix.
 * Names come only from the allowlist pattern, so quoting them as identifiers is safe.
 */
public record DatabaseSpec(String name, int connectionLimit) {
    private static final Pattern ALLOWED = DatabaseNames.SAFE;
    private static final int MAX_IDENTIFIER_BYTES = DatabaseNames.MAX_LENGTH;

    public DatabaseSpec {
        if (!ALLOWED.matcher(name).matches() || name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new IllegalArgumentException("database name outside the allowlist: " + name);
        }
    }

    /** The name as a double-quoted SQL identifier (PostgreSQL). */
    public String quoted() {
        return '"' + name + '"';
    }
}
