package dev.runway.access.rest.dto;

import java.util.List;

public record MeView(String username, String displayName, List<String> teams, List<String> roles,
        List<GrantView> grants) {
}
