package dev.runway.access.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

public record LeadRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._@-]{0,254}", message = "must be a user name") String username) {
}
