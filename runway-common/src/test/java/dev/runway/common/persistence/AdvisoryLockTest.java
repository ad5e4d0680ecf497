package dev.runway.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class AdvisoryLockTest {

    @Test
    void theSameNameIsAlwaysTheSameKey() {
        // Pinned, computed independently (the first 8 bytes of SHA-256): replicas and runs of a release agree.
        assertEquals(0xa89f8a90616720a1L, AdvisoryLock.key("audit:chain"));
        assertEquals(0xa3dd4f4116d2102aL, AdvisoryLock.key("team:" + "payments"));
    }

    @Test
    void distinctNamesAreDistinctKeys() {
        assertNotEquals(AdvisoryLock.key("audit:chain"), AdvisoryLock.key("audit:prune"));
        assertNotEquals(AdvisoryLock.key("team:payments"), AdvisoryLock.key("team:search"));
        assertNotEquals(AdvisoryLock.key("deployment:x"), AdvisoryLock.key("incident:x"));
    }
}
