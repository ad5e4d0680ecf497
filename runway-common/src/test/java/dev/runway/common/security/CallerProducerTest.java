package dev.runway.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CallerProducerTest {

    @Test
    void teamsAreGroupNamesSortedWithoutKeycloakPaths() {
        assertEquals(List.of("payments", "search"), CallerProducer.teams(Set.of("/search", "payments", "/payments")));
        assertEquals(List.of(), CallerProducer.teams(null));
    }
}
