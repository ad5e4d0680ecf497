package dev.runway.provisioning.rest.dto;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(String from, String to, Instant at, String actor, String reason) {
}
