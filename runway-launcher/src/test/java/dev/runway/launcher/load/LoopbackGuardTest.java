package dev.runway.launcher.load;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoopbackGuardTest {

    @Test
    void acceptsOnlyLoopbackHosts() {
        for (String host : new String[] { "localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]", "::1" }) {
            assertTrue(LoopbackGuard.isLoopback(host), host);
        }
        for (String host : new String[] { "10.0.0.1", "192.168.1.1", "172.16.0.1", "8.8.8.8", "128.0.0.1",
                "127.0.0.256", "127.0.0", "localhost.example.com", "127.0.0.1.example.com", "example.com", "",
                "[::2]" }) {
            assertFalse(LoopbackGuard.isLoopback(host), host);
        }
        assertFalse(LoopbackGuard.isLoopback(null));
    }

    @Test
    void refusesANonLoopbackTargetUrl() {
        assertDoesNotThrow(() -> LoopbackGuard.requireLoopback("--catalog-url", "http://127.0.0.1:8081"));
        assertDoesNotThrow(() -> LoopbackGuard.requireLoopback("--catalog-url", "http://[::1]:8081"));
        assertThrows(IllegalArgumentException.class,
                () -> LoopbackGuard.requireLoopback("--catalog-url", "http://10.1.2.3:8081"));
        assertThrows(IllegalArgumentException.class,
                () -> LoopbackGuard.requireLoopback("--catalog-url", "http://catalog.internal:8081"));
        assertThrows(IllegalArgumentException.class,
                () -> LoopbackGuard.requireLoopbackJdbc("--jdbc-url", "jdbc:postgresql://192.168.0.5:5432/"));
        assertDoesNotThrow(() -> LoopbackGuard.requireLoopbackJdbc("--jdbc-url", "jdbc:postgresql://127.0.0.1:15432/"));
    }
}
