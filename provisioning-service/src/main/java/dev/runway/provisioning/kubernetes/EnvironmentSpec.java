package dev.runway.provisioning.kubernetes;

import java.time.Instant;

/**
 * What an environment looks like in the cluster.
 *
 * @param group     the team's SSO group, bound to ClusterRole {@code edit} in the namespace
 * @param expiresAt null for environments without a TTL
 */
public record EnvironmentSpec(String namespace, String team, String environment, String template, String group,
        Instant expiresAt, int cpuMillis, int memoryMib) {
}
