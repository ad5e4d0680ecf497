package dev.runway.provisioning.driver;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatabaseNamesTest {

    @Test
    void validNamesKeepTheirFamiliarForm() {
        assertEquals("payments_orders", DatabaseNames.physical("payments", "orders"));
        assertEquals("search_infra_index_v2", DatabaseNames.physical("search-infra", "index_v2"));
    }

    /** The request validation lets a team begin with a digit; the drivers' allowlist used to refuse it later. */
    @Test
    void aTeamBeginningWithADigitStillGivesAnIdentifier() {
        String name = DatabaseNames.physical("9lives", "cache");
        assertEquals("db_9lives_cache", name);
        assertDoesNotThrow(() -> new DatabaseSpec(name, 5));
    }

    @Test
    void longestValidInputIsShortenedWithADigest() {
        String name = DatabaseNames.physical("1" + "t".repeat(19), "n" + "_".repeat(39));
        assertEquals(DatabaseNames.MAX_LENGTH, name.length());
        assertTrue(DatabaseNames.SAFE.matcher(name).matches(), name);
    }

    @Test
    void hostileInputIsMadeSafeAndDistinct() {
        String quote = DatabaseNames.physical("pay\"ments", "x`; DROP DATABASE y; --");
        String other = DatabaseNames.physical("pay'ments", "x`; DROP DATABASE y; --");
        assertTrue(DatabaseNames.SAFE.matcher(quote).matches(), quote);
        assertNotEquals(quote, other);
        assertEquals(quote, DatabaseNames.physical("pay\"ments", "x`; DROP DATABASE y; --"));
    }
}
