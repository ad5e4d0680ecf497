package dev.runway.provisioning.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.provisioning.domain.ComponentRef;

/**
 * @param component the Component this environment serves (catalog entity ref); its catalog Resource depends on it
 * @param ttl ISO-8601 duration ({@code PT48H}); only for templates with a TTL, defaults to the template's
 */
public record EnvironmentRequestBody(
        @NotBlank @Size(max = 40) @Pattern(regexp = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                message = "must be a DNS label: lower-case letters, digits and '-'") String name,
        @NotBlank @Size(max = 20) @Pattern(regexp = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                message = "must be a team name: lower-case letters, digits and '-'") String team,
        @NotBlank String template,
        JsonNode parameters,
        String ttl,
        @Size(max = 140) @Pattern(regexp = ComponentRef.COMPONENT_REF, message = "must be a component entity ref:"
                + " [component:][namespace/]name") String component) {
}
