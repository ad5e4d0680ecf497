package dev.runway.access.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A denial always says why. */
public record DenialRequest(@NotBlank @Size(max = 2000) String comment) {
}
