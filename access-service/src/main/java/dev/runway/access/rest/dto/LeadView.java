package dev.runway.access.rest.dto;

import java.time.Instant;

public record LeadView(String team, String username, Instant createdAt, String createdBy) {
}
