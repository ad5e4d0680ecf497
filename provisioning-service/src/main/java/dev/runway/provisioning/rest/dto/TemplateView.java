package dev.runway.provisioning.rest.dto;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateView(String id, String version, String kind, String description, boolean approvalRequired,
        @Schema(description = "Whether requests of this template can be met on this platform: always for an environment"
                + " template; for a database template, whether a server of its engine is configured (requests for an"
                + " unavailable engine are refused with 422)") boolean available,
        TtlView ttl, Map<String, Object> defaults, Map<String, PlanView> plans, JsonNode parameters) {

    public record TtlView(String defaultTtl, String max) {
    }

    public record PlanView(int connectionLimit, int cpuMillis, int memoryMiB) {
    }
}
