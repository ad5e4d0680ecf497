package dev.runway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.runway.cli.auth.StoredCredentials;
import dev.runway.cli.auth.TokenCache;

class TokenCacheTest {
    @TempDir
    Path tmp;

    final StoredCredentials alice = new StoredCredentials("http://kc/realms/runway", "runway-cli", "alice", "access-1",
            Instant.parse("2026-11-20T12:05:00Z"), "refresh-1", Instant.parse("2026-11-20T12:30:00Z"));

    @Test
    void savedFileIsReadableByTheOwnerOnlyInAPrivateDirectory() throws Exception {
        TokenCache cache = new TokenCache(tmp.resolve("config/runway"));
        cache.save(alice);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file())));
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file().getParent())));
        assertEquals(alice, cache.load());
    }

    @Test
    void rewritingAFileThatWasWidenedMakesItPrivateAgain() throws Exception {
        TokenCache cache = new TokenCache(tmp.resolve("runway"));
        cache.save(alice);
        Files.setPosixFilePermissions(cache.file(), PosixFilePermissions.fromString("rw-r--r--"));
        StoredCredentials renewed = new StoredCredentials(alice.issuer(), alice.clientId(), "alice", "access-2",
                alice.accessExpiresAt().plusSeconds(300), "refresh-2", null);
        cache.save(renewed);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file())));
        assertEquals(renewed, cache.load());
        try (var files = Files.list(cache.file().getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void nothingStoredIsNull() {
        assertNull(new TokenCache(tmp).load());
        assertFalse(new TokenCache(tmp).delete());
    }

    @Test
    void deleteRemovesTheFile() {
        TokenCache cache = new TokenCache(tmp);
        cache.save(alice);
        assertTrue(cache.delete());
        assertFalse(Files.exists(cache.file()));
    }

    @Test
    void aCorruptFileIsAnAuthenticationFailureThatSaysWhatToDo() throws Exception {
        TokenCache cache = new TokenCache(tmp);
        Files.writeString(cache.file(), "{not json");
        CliException e = assertThrows(CliException.class, cache::load);
        assertEquals(ExitCodes.AUTH, e.exitCode());
        assertTrue(e.getMessage().contains("runway login"), e.getMessage());
    }
}
