package dev.runway.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class KeysetCursorTest {
    private record Key(Instant at, UUID id) {
    }

    private static Key key(List<String> parts) {
        return new Key(Instant.parse(parts.get(0)), UUID.fromString(parts.get(1)));
    }

    @Test
    void aCursorGivesBackItsKey() {
        Key last = new Key(Instant.parse("2026-12-07T10:15:30.123456Z"), UUID.randomUUID());
        String cursor = KeysetCursor.encode("ENVIRONMENT", last.at(), last.id());
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), "opaque and safe in a URL: " + cursor);
        assertEquals(last, KeysetCursor.decode(cursor, "ENVIRONMENT", 2, KeysetCursorTest::key));
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertNull(KeysetCursor.decode(null, "audit", 1, k -> k));
        assertNull(KeysetCursor.decode(" ", "audit", 1, k -> k));
    }

    @Test
    void theLastPartMayHoldAnything() {
        String cursor = KeysetCursor.encode("NAME", "a value", "line\nbreak");
        assertEquals(List.of("a value", "line\nbreak"), KeysetCursor.decode(cursor, "NAME", 2, k -> k));
    }

    @Test
    void anotherListsCursorIsRefusedAndSaysSo() {
        String events = KeysetCursor.encode("EVENT", 42);
        KeysetCursor.Invalid e = assertThrows(KeysetCursor.Invalid.class,
                () -> KeysetCursor.decode(events, "ENVIRONMENT", 2, KeysetCursorTest::key));
        assertTrue(e.otherList());
    }

    @Test
    void garbageIsRefused() {
        for (String bad : List.of("zzz", "!!", "%%%", KeysetCursor.encode("ENVIRONMENT", "x", "y"),
                KeysetCursor.encode("ENVIRONMENT", "2026-12-07T10:15:30Z"))) {
            assertThrows(KeysetCursor.Invalid.class,
                    () -> KeysetCursor.decode(bad, "ENVIRONMENT", 2, KeysetCursorTest::key), bad);
        }
        for (String bad : List.of("!!", KeysetCursor.encode("ENVIRONMENT", "x", "y"))) {
            assertFalse(assertThrows(KeysetCursor.Invalid.class,
                    () -> KeysetCursor.decode(bad, "ENVIRONMENT", 2, KeysetCursorTest::key)).otherList(), bad);
        }
        assertThrows(KeysetCursor.Invalid.class,
                () -> KeysetCursor.decode(KeysetCursor.encode("audit", "seven"), "audit", 1,
                        k -> Long.parseLong(k.get(0))));
    }
}
