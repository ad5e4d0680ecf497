package dev.runway.provisioning.rest.dto;

import jakarta.validation.constraints.Size;

public record DecisionBody(@Size(max = 500) String reason) {
}
