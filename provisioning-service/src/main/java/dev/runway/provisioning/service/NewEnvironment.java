package dev.runway.provisioning.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request for an environment, as the service takes it (the resource maps its body to this).
 *
 * @param parameters the template's parameters as given, checked against its schema; null for the defaults
 * @param ttl        ISO-8601 duration; null for the template's default
 * @param component  a component entity ref in any accepted spelling, or null
 */
public record NewEnvironment(String name, String team, String template, JsonNode parameters, String ttl,
        String component) {
}
