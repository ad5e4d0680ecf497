package dev.runway.common.policy;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Whom a decision is about, given explicitly only by a caller holding the {@code service} role: access-service
 * cannot read another user's token, so the calling service passes the teams and realm roles from it.
 */
public record DecisionSubject(
        @NotBlank @Size(max = 255) String name,
        @Size(max = 100) List<@NotBlank @Size(max = 255) String> teams,
        @Size(max = 50) List<@NotBlank @Size(max = 255) String> roles) {

    public DecisionSubject {
        teams = teams == null ? List.of() : List.copyOf(teams);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
