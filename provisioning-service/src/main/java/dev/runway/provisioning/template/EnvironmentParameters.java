package dev.runway.provisioning.template;

import java.util.Map;

/**
 * The parameters of an environment template, typed: the names the templates' schemas give them are read here and
 * nowhere else. Built from parameters the template's schema has accepted, defaults filled in.
 */
public record EnvironmentParameters(int cpuMillis, int memoryMib) {

    public static EnvironmentParameters of(Map<String, Object> resolved) {
        return new EnvironmentParameters(((Number) resolved.get("cpuMillis")).intValue(),
                ((Number) resolved.get("memoryMiB")).intValue());
    }
}
