package dev.runway.provisioning.rest.dto;

import jakarta.validation.constraints.NotBlank;

/** @param ttl ISO-8601 duration from now ({@code P3D}), at most the template's maximum */
public record ExtendBody(@NotBlank String ttl) {
}
