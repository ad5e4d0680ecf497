package dev.runway.cli.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.cli.CliException;
import dev.runway.cli.ExitCodes;
import dev.runway.cli.output.Json;

/**
 * {@code credentials.json} in the configuration directory. The file is created 0600 inside a 0700 directory
 * before any byte of a token is written to it, and replaced atomically, so a token is never readable by
 * other users, not even for an instant, and a crash never leaves half a file.
 */
public final class TokenCache {
    public static final String FILE_NAME = "credentials.json";
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    public TokenCache(Path dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    /** The stored credentials, or null when there are none. */
    public StoredCredentials load() {
        if (!Files.isRegularFile(file())) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(Files.readString(file(), StandardCharsets.UTF_8));
            return new StoredCredentials(Json.text(node, "issuer"), Json.text(node, "clientId"),
                    Json.text(node, "username"), Json.text(node, "accessToken"),
                    instant(Json.text(node, "accessExpiresAt")), Json.text(node, "refreshToken"),
                    instant(Json.text(node, "refreshExpiresAt")));
        } catch (IOException | RuntimeException e) {
            throw CliException.auth("cannot read " + file() + " (" + e.getMessage()
                    + "); run `runway logout` and `runway login` again");
        }
    }

    public void save(StoredCredentials credentials) {
        ObjectNode node = Json.object();
        node.put("issuer", credentials.issuer());
        node.put("clientId", credentials.clientId());
        node.put("username", credentials.username());
        node.put("accessToken", credentials.accessToken());
        node.put("accessExpiresAt", string(credentials.accessExpiresAt()));
        node.put("refreshToken", credentials.refreshToken());
        node.put("refreshExpiresAt", string(credentials.refreshExpiresAt()));
        try {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            } else {
                Files.createDirectories(dir);
            }
            FileAttribute<?>[] mode = posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE_MODE) }
                    : new FileAttribute<?>[0];
            Path temp = Files.createTempFile(dir, ".credentials", ".tmp", mode);
            try {
                Files.writeString(temp, Json.pretty(node), StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.REJECTED, "cannot write " + file() + " (" + e.getMessage() + ")", e);
        }
    }

    /** True when there was a file to delete. */
    public boolean delete() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new CliException(ExitCodes.REJECTED, "cannot delete " + file() + " (" + e.getMessage() + ")", e);
        }
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static String string(Instant i) {
        return i == null ? null : i.toString();
    }
}
