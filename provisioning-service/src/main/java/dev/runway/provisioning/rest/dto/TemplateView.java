package dev.runway.provisioning.rest.dto;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateView(String id, String version, String kind, String description, boolean approvalRequired,
        TtlView ttl, Map<String, Object> defaults, Map<String, PlanView> plans, JsonNode parameters) {

    public record TtlView(String defaultTtl, String max) {
    }

    public record PlanView(int connectionLimit, int cpuMillis, int memoryMiB) {
    }
}
