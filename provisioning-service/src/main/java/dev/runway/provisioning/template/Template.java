package dev.runway.provisioning.template;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;

/**
 * A golden path loaded from {@code templates/<id>.yaml}.
 *
 * @param parameters JSON-Schema (2020-12) of the request's {@code parameters}
 * @param schema     the compiled {@code parameters} schema
 * @param ttl        environments only: default and maximum lifetime; null = lives until deleted
 * @param plans      databases only: limits per plan
 */
public record Template(String id, String version, Kind kind, String description, boolean approvalRequired,
        Ttl ttl, Map<String, Object> defaults, Map<String, Plan> plans, JsonNode parameters, JsonSchema schema) {

    public enum Kind {
        ENVIRONMENT, DATABASE
    }

    public record Ttl(Duration defaultTtl, Duration max) {
    }

    public record Plan(int connectionLimit, int cpuMillis, int memoryMib) {
    }
}
