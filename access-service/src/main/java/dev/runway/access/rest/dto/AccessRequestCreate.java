package dev.runway.access.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.runway.access.policy.Scopes;

/** {@code duration} is ISO-8601 ({@code PT8H}, {@code P3D}); its bounds depend on the role (checked by the service). */
public record AccessRequestCreate(
        @NotBlank @Pattern(regexp = RoleBindingRequest.ROLE_REGEX, message = RoleBindingRequest.ROLE_MESSAGE) String role,
        @NotBlank @Pattern(regexp = Scopes.SCOPE_REGEX, message = Scopes.SCOPE_MESSAGE) String scope,
        @NotBlank @Size(max = 32) String duration,
        @NotBlank @Size(max = 2000) String justification) {
}
