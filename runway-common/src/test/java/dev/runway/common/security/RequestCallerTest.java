package dev.runway.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RequestCallerTest {

    @Test
    void teamsAreGroupNamesSortedWithoutKeycloakPaths() {
        assertEquals(List.of("payments", "search"), RequestCaller.teams(Set.of("/search", "payments", "/payments")));
        assertEquals(List.of(), RequestCaller.teams(null));
    }
}
